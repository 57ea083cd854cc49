"""The order conversation: one Slack thread per order (and per customer), bridged to mail."""
