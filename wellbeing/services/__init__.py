"""Use cases: each one owns its database commit."""
