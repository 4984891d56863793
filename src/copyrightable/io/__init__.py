"""Reading and writing: typed errors, strict YAML, atomic writes, the shipped files."""
