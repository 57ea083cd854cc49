"""`orderbot run` as a service: one leader per singleton part, health, settings checks.

It knows nothing of Slack, IMAP or SQL: bootstrap hands it locks, probes and parts.
"""
