"""Integration tests against real servers on loopback (SQLite, PostgreSQL, IMAP, SMTP)."""
