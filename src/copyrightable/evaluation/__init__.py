"""The entry point (answers in, a Result out) and what-if."""
