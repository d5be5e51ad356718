"""The ``eventgold`` command line: one small module per command (group)."""
