"""The catalogue: products and taxes."""
