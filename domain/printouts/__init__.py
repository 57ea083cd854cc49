"""Printed documents of an order: what a quote, confirmation, invoice, packing slip or
credit note shows, worked out from the order (the edges lay it out)."""
