"""The refund engine (测温退费): pure Python, no database. ``engine.compute`` is the one entry point."""
