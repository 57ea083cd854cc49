"""The email edge: IMAP listener, email parsing and rendering, SMTP sender, tracking page."""
