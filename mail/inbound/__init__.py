"""Received mail: the IMAP session, the listener, parsing and classifying mails."""
