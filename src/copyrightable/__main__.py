"""`python -m copyrightable` runs the command line."""

from .cli import main

main()
