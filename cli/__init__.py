"""The commands of the `orderbot` command line, one module per family (the service, the
inbox, the database, spreadsheet imports, PDF documents, the console, the read commands).

`main.py` reads the arguments (`cli_args`) and hands each command to its module here.
"""
