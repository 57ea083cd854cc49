"""The outbox: messages for others written with the change, and the relay's queue of them."""
