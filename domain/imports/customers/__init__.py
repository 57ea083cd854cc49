"""Customer imports: a row judged alone (`clean`), the rows judged among the others and
against the database (`resolve`), and what is written (`plan`)."""
