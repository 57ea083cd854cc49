"""Results as text and JSON: console answers, Slack fallbacks, `--json`, import reports."""
