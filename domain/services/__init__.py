"""One function per command: the only place that turns a command into changes.

`HANDLERS` maps each command class to its function; the message bus calls them inside
a unit of work. Every door goes through here.
"""
