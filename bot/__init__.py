"""The Slack edge: the Bolt app, command parsing and Block Kit rendering."""
