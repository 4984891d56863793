"""Verdicts and their explanation: strata, exceptions, decisions, the record."""
