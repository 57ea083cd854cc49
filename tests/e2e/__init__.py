"""End-to-end tests: the whole orderbot process, from email in to reply out."""
