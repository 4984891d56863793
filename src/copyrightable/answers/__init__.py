"""Answers files: validation, and which questions apply."""
