"""copyrightable: is a work made with AI protectable by copyright, in the US and in China?

Rules are data (YAML under rules/), compiled into the durable-rules engine; every
step of the reasoning is recorded with the authority it rests on.
"""

__version__ = "0.1.0"
