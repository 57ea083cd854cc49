"""Records made from an order that live a life of their own: invoices (paid, void) with
their due dates from the payment terms, credit notes, work orders (done, cancelled) and
returns (received, refunded).

They stay inside the order aggregate (its version guards them); the verbs here move
their statuses and make credit notes, `statuses` names the words every layer shares.
"""
