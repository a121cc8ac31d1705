"""One module per CLI command; see geo/cli.py."""
