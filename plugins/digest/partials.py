"""Partial templates rendered once per distinct input while the site's pages render.

A post's card shows the same HTML on its topic page and on each of its companies'
pages (about six pages per post). ``render_partial(name, **values)`` (a Jinja
global) renders the partial ``name`` with ``values`` and the page's variables; inside
``reusing()`` (the page writer's render) the result is kept and reused for any page
where every variable the partial reads is the same (scalars by value, other objects
by identity: nothing a page shows changes while pages render). Outside ``reusing()``,
or for a partial whose variables cannot be listed, it simply renders.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2 import meta
from markupsafe import Markup

_SCALARS = (str, int, float, bool, type(None))
_memo: dict[tuple[Any, ...], tuple[Markup, list[Any]]] | None = None
_reads: dict[tuple[int, str], frozenset[str] | None] = {}


@contextmanager
def reusing() -> Iterator[None]:
    """Keep rendered partials for reuse until the block ends."""
    global _memo
    _memo = {}
    try:
        yield
    finally:
        _memo = None
        _reads.clear()


def _variables(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """The variables partial ``name`` reads, or None when it uses other templates."""
    key = (id(env), name)
    if key not in _reads:
        assert env.loader is not None
        tree = env.parse(env.loader.get_source(env, name)[0])
        _reads[key] = (None if any(True for _ in meta.find_referenced_templates(tree))
                       else frozenset(meta.find_undeclared_variables(tree)))
    return _reads[key]


@jinja2.pass_context
def render_partial(context: jinja2.runtime.Context, name: str, **values: Any) -> Markup:
    """Partial ``name`` rendered as ``{% include %}`` would, with ``values`` added to the page's variables."""
    env = context.environment
    reads = _variables(env, name) if _memo is not None else None
    if reads is None:
        return Markup(env.get_template(name).render({**context.get_all(), **values}))
    given = {}
    for var in sorted(reads):
        value = values[var] if var in values else context.resolve_or_missing(var)
        if value is not jinja2.utils.missing:
            given[var] = value
    key = (id(env), name, *((v, x if isinstance(x, _SCALARS) else id(x)) for v, x in given.items()))
    found = _memo.get(key)
    if found is None:
        found = _memo[key] = (Markup(env.get_template(name).render(given)), list(given.values()))
    return found[0]
