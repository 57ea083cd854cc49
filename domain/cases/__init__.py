"""Customer service cases, their priorities and active alerts."""
