"""Read-only dicts and lists, for words that are handed out again and again.

`wording.Wording` remembers the words it composes (question texts, answer
labels) and hands the same object to every caller; a caller that changed one
in place would change it for every other. These types make that mistake loud
(TypeError) instead of silent. (Results no longer share parts: since version 3
they state each word once, in their words table; docs/performance.md.)

They are subclasses of dict and list, so json.dumps, Jinja2 and equality with
plain containers all work unchanged. copy.deepcopy returns plain, mutable
containers: that is how a caller takes a copy it may change.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, NoReturn

_WHY = (
    "this part of a Result is shared with other Results and is read-only; "
    "take copy.deepcopy(...) of it to change it"
)


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise TypeError(_WHY)


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict whose mutating methods raise TypeError."""

    __slots__ = ()
    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {key: copy.deepcopy(value, memo) for key, value in self.items()}


class FrozenList(list):  # type: ignore[type-arg]
    """A list whose mutating methods raise TypeError."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = clear = extend = insert = pop = remove = reverse = sort = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenList, (list(self),))

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(value, memo) for value in self]


def freeze(value: Any) -> Any:
    """The same JSON-like value, with every dict and list (at any depth) read-only."""
    if isinstance(value, FrozenDict | FrozenList):
        return value
    if isinstance(value, Mapping):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return FrozenList(freeze(item) for item in value)
    return value
