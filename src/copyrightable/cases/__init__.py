"""The case library: real decisions as case files, and the quiz."""
