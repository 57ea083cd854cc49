"""Subscriptions: recurring orders, their calendar, and the orders the job makes of them."""
