"""Documents sent to customers by email, and the customer's acceptance of a quote."""
