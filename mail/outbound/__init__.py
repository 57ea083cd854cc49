"""Sent mail: rendering outbox rows into messages, their words, and the SMTP or file senders."""
