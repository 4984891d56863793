"""The law: data types, the condition language, loading and cross-checks, dates."""
