"""The business of orderbot: aggregates, rules, commands and services, with no I/O."""
