"""The terminal face of `copyrightable ask`: screens, keys, autosave.

Thin on purpose: what to ask and what an answer changes is decided by
`copyrightable.interview.next_question`; what typed text means, by
`copyrightable.interview.typed_input`. This package only shows and reads:
`keys.py` with arrow keys (prompt_toolkit) on a real terminal, `plain.py`
with one line per answer (pipes, scripts, dumb terminals), both driven by
the same loop in `session.py`.
"""
