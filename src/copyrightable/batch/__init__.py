"""Batch runs: workers on every core, records in, JSON lines out."""
