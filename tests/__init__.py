"""The orderbot test suite: unit, integration and end-to-end tests, and their servers."""
