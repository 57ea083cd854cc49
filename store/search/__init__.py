"""Customer search in the database: search keys kept on every write (`keys`), and the
candidates of a query found through them and the indexes (`customers`)."""
