"""Electronic invoices (EN 16931, the model Factur-X carries): what they say, made from an
order's invoice; the XML and the PDF they travel in are the store's (`EInvoiceFiles`)."""
