"""Stable fingerprints of the values a template reads, so an unchanged page need not be rendered again.

``Fingerprinter.of(value)`` returns a short digest that is the same in every build
when what a template shows of the value is the same. Scalars count by value,
containers by their members, URL wrappers (topics, companies) by name and URL,
time zones by name.
Objects count by their attributes, at three levels of detail:

* level 0, a value the page is given: a post with its text, metadata and every
  attribute plugins set on it; another object with all its attributes (level 1);
* level 1, reached from a level-0 object: a post by its metadata (title, slug,
  date, summary, topic..., which with the settings also give its URL), another
  object with all its attributes at level 2;
* level 2, reached from a level-1 object: a post by its metadata, another
  object by its scalar attributes only (so chains such as issue -> previous issue
  -> previous issue stop here).

So a post page depends on its own text, the titles and URLs of its neighbours and
related posts and its issue's posts, not on the whole site. A value that cannot be
described (an object with no attributes) gets a token unique to this build, so a
page that reads it is always rendered: an unknown input costs time, never a stale page.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import os
import types
from collections.abc import Mapping
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# Attributes of a post that are not what it shows: the shared settings and context,
# and translations (reached through their own pages).
_SKIPPED_ATTRS = frozenset({"settings", "_context", "translations"})
MAX_DEPTH = 10          # deeper object graphs are treated as unknown (always rendered)
_SCALARS = (str, int, float, bool, type(None), bytes)
_FUNCTIONS = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type)


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


@functools.cache
def _kind(cls: type) -> str:
    """How values of type ``cls`` are described (the first matching rule of ``_describe``)."""
    for kind, bases in (("scalar", _SCALARS), ("time", (dt.date, dt.time)), ("zone", (dt.tzinfo,)),
                        ("wrapper", (URLWrapper,)),
                        ("content", (Content,)), ("mapping", (Mapping,)), ("sequence", (list, tuple)),
                        ("set", (set, frozenset)), ("function", _FUNCTIONS), ("module", (types.ModuleType,))):
        if issubclass(cls, bases):
            return kind
    return "object"


class Fingerprinter:
    """Fingerprints for one build; values are memoised by identity while they are alive."""

    def __init__(self) -> None:
        self._memo: dict[tuple[int, int], str] = {}
        self._alive: list[Any] = []         # keeps memoised objects alive so ids stay unique
        self._build = os.urandom(8).hex()   # makes the tokens of unknown values unique to this build
        self._unknown = itertools.count()

    def of(self, value: Any) -> str:
        """The fingerprint of ``value`` as a page's own variable (level 0)."""
        return self._of(value, 0, 0)

    def _of(self, value: Any, depth: int, level: int) -> str:
        kind = _kind(type(value))
        if kind == "scalar":
            text = repr(value)
            return text if len(text) <= 64 else _digest(text)
        if kind == "time":                          # datetime is a date
            return f"t:{value.isoformat()}:{getattr(value, 'tzinfo', None)}"
        if depth > MAX_DEPTH:
            return self._unknown_token()
        key = (id(value), level)
        found = self._memo.get(key)
        if found is None:
            found = self._describe(value, kind, depth, level)
            self._memo[key] = found
            self._alive.append(value)
        return found

    def _unknown_token(self) -> str:
        return f"?{self._build}:{next(self._unknown)}"

    def _describe(self, value: Any, kind: str, depth: int, level: int) -> str:
        if kind == "zone":                          # zoneinfo's zones have no attributes to read
            return _digest("z", type(value).__qualname__, str(value))
        if kind == "wrapper":
            return _digest("w", type(value).__name__, value.name, value.slug, value.url)
        if kind == "content":
            return self._content(value, depth, level)
        if kind == "mapping":
            items = sorted((self._of(k, depth + 1, level), self._of(v, depth + 1, level))
                           for k, v in value.items())
            return _digest("m", *(f"{k}={v}" for k, v in items))
        if kind == "sequence":
            return _digest("l", *(self._of(v, depth + 1, level) for v in value))
        if kind == "set":
            return _digest("s", *sorted(self._of(v, depth + 1, level) for v in value))
        if kind == "function":
            return _digest("f", getattr(value, "__module__", "") or "", value.__qualname__)
        if kind == "module":
            return _digest("M", value.__name__)
        attrs = getattr(value, "__dict__", None)
        if not attrs:
            return self._unknown_token()
        if level >= 2:
            shown = [f"{k}={self._of(v, depth + 1, 2)}" for k, v in sorted(attrs.items())
                     if _kind(type(v)) in ("scalar", "time", "wrapper")]
        else:
            shown = [f"{k}={self._of(v, depth + 1, level + 1)}" for k, v in sorted(attrs.items())
                     if k not in _SKIPPED_ATTRS]
        return _digest("o", type(value).__qualname__, *shown)

    def _content(self, post: Content, depth: int, level: int) -> str:
        # URL and save_as follow from the metadata and the settings (part of every page key)
        parts = ["c", type(post).__name__, self._of(post.metadata, depth + 1, 2)]
        if level == 0:
            parts.append(_digest(post._content or ""))
            parts += [f"{k}={self._of(v, depth + 1, 1)}" for k, v in sorted(vars(post).items())
                      if k not in _SKIPPED_ATTRS and k not in ("_content", "metadata")]
        return _digest(*parts)
