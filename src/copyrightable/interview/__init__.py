"""`copyrightable ask`: which question comes next, the terminal screens, what a session saves."""
