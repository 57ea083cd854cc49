"""Electronic invoices written as files: the Factur-X XML (CII) and the PDF it travels in."""
