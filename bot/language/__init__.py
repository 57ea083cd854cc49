"""The command language Slack and the console share: grammar, words, each family's forms."""
