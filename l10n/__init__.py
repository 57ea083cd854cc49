"""Presentation formats shared by every edge: amounts, numbers and dates per locale."""
