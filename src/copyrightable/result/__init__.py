"""The Result: the versioned JSON document, each rule's trace, the words shown."""
