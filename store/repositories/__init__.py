"""Repositories: loading and adding aggregates, and the lean read views."""
