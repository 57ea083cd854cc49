"""Customers: the aggregate with its addresses, contacts and notes."""
