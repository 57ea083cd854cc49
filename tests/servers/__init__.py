"""Real protocol servers on 127.0.0.1 for the test suite: PostgreSQL, dovecot IMAP, SMTP.

Each module owns one server: how to start a private instance in a temporary directory,
how to reach it, the helpers tests need to script it, and how to stop it by its PID.
The pytest fixtures in tests/conftest.py only start and stop these.
"""
