"""Reference data behind the identity checks: countries, VAT check digits, email syntax."""
