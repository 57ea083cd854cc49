"""Slack command handlers, one module per command family, each with register(app, bus)."""
