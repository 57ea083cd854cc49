"""The order inbox: received mails, what became of them, and the answers to them."""
