"""Unit tests: the domain and services through commands, with fakes; no I/O."""
