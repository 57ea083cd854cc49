"""Customers: the aggregate with its addresses, contacts and notes, and the identity rule
every door judges their emails, VAT numbers, countries, phones and postal codes by."""
