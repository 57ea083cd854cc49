"""The Slack door: a slack-bolt AsyncApp over the shared command grammar and the bus."""
