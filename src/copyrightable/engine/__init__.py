"""The durable-rules adapter, the only importer of durable: it decides."""
