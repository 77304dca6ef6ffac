"""Pelican's writer, made incremental and parallel.

Generators call ``write_file`` as usual, but pages are queued and written when the
digest generator calls ``finish()`` at the end of the build:

* a page is skipped when its key matches the last build's and its file is still in
  place (same size and modification time). The key hashes the site's fixed inputs
  (Pelican, Jinja, this package's code, the theme's templates, the settings) with
  the page's name, its template and the fingerprint of every variable the template
  and the templates it extends, includes or imports read (``jinja2.meta``);
* the pages left are rendered by forked worker processes, and a file is only
  rewritten when its bytes change;
* files the last build produced and this one did not (a renamed or removed post, an
  emptied topic) are deleted, so nothing stale stays online.

What each build produced is recorded in a manifest in the digest cache folder (one
per output folder). Without a manifest (first build, cleared cache) the output folder
is cleaned first, as Pelican's ``DELETE_OUTPUT_DIRECTORY`` would, keeping
``OUTPUT_RETENTION``. Pelican's own feed writes are recorded but never skipped.
``content_written`` is sent from the process that wrote the page.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing
import os
import pathlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
import pelican
from jinja2 import meta
from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import clean_output_dir, get_relative_path, path_to_url
from pelican.writers import FileOverwriteFailedError, Writer

from . import partials
from . import settings as conf
from .cache import cache_for, code_fingerprint
from .fingerprint import Fingerprinter
from .progress import stage
from .writing import OutputFolder

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
MIN_PAGES_PER_WORKER = 50       # fewer pages than this per process are not worth a fork
RENDER_CHUNK = 25               # pages a worker renders per task
_MISSING = "<absent>"
_ABSENT = object()              # a variable a template reads that its page does not have


@dataclass
class _Page:
    """One queued page."""

    name: str
    template: jinja2.Template
    context: dict[str, Any]
    relative_urls: bool
    override: bool
    kwargs: dict[str, Any]
    key: str = ""


# The pages being rendered, visible to forked workers; set only for the duration of a render.
_RENDERING: tuple[DigestWriter, list[_Page]] | None = None


def _render_chunk(bounds: tuple[int, int]) -> list[tuple[str, str]]:
    """Render pages[start:end] of the pages being rendered (in a forked worker); their names and keys."""
    assert _RENDERING is not None
    writer, pages = _RENDERING
    start, end = bounds
    return [writer._render_keyed(p) for p in pages[start:end]]


class DigestWriter(Writer):
    """Queues pages, skips the unchanged ones, renders the rest in parallel, removes stale files."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self._root = pathlib.Path(output_path).resolve()
        self._out = OutputFolder(self._root)
        self._pages: dict[str, _Page] = {}
        self._produced: dict[str, str] = {}             # output path -> key ("" = never skip)
        self._kept: dict[str, list[int]] = {}           # output path -> [size, mtime_ns] of a file left as it was
        self._fingerprints = Fingerprinter()
        self._template_vars: dict[str, frozenset[str] | None] = {}
        self.site_key = ""             # what every page depends on (set by finish())
        self._manifest_path = self._manifest_location()
        self._previous = self._load_manifest()
        if self._previous is None:
            self._clean_output()

    # ------------------------------------------------------------------ manifest
    def _manifest_location(self) -> pathlib.Path | None:
        cache = cache_for(self.settings)
        if cache is None:
            return None
        tag = hashlib.sha256(str(self._root).encode()).hexdigest()[:16]
        return cache.directory / f"pages-{tag}.json"

    def _load_manifest(self) -> dict[str, list[Any]] | None:
        if self._manifest_path is None:
            return None
        try:
            data = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("version") != MANIFEST_VERSION or not isinstance(data.get("files"), dict):
            return None
        return data["files"]

    def _clean_output(self) -> None:
        content = pathlib.Path(self.settings.get("PATH", ".")).resolve()
        if self._root.is_dir() and self._root != content and self._root not in content.parents:
            clean_output_dir(str(self._root), self.settings.get("OUTPUT_RETENTION", []))

    # ------------------------------------------------------------------ writing
    def write_file(self, name: str, template: jinja2.Template, context: dict[str, Any],
                   relative_urls: bool = False, paginated: dict[str, Any] | None = None,
                   template_name: str | None = None, override_output: bool = False,
                   url: str | None = None, **kwargs: Any) -> None:
        """Queue a page, or each page of a paginated list (Pelican's signature and pagination)."""
        if not name:
            return
        pages_of = paginated if paginated is not None else {
            k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if not (pages_of and template_name in self.settings.get("PAGINATED_TEMPLATES", {})):
            self._queue(_Page(name, template, context, relative_urls, override_output, kwargs))
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, val, self.settings, per_page) for key, val in pages_of.items()}
        for number in range(1, next(iter(paginators.values())).num_pages + 1):
            page_kwargs = dict(kwargs)
            for key, paginator in paginators.items():
                page = paginator.page(number)
                page_kwargs.update({
                    f"{key}_paginator": paginator,
                    f"{key}_page": page,
                    f"{key}_previous_page": paginator.page(number - 1) if number > 1 else None,
                    f"{key}_next_page": paginator.page(number + 1) if number < paginator.num_pages else None,
                })
            self._queue(_Page(page.save_as, template, context, relative_urls, override_output, page_kwargs))

    def _queue(self, page: _Page) -> None:
        queued = self._pages.get(page.name)
        if queued is not None:      # Pelican's rule: one write, or one override of it, per file
            if queued.override and page.override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{page.name}" a second time')
            if queued.override:
                return
            if not page.override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{page.name}": it is already written')
        self._pages[page.name] = page

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Pelican's own writes (paginated pages, feeds) are recorded, never skipped."""
        if filename != os.devnull:
            rel = self._rel(pathlib.Path(filename))
            self._produced[rel] = ""
            self._kept.pop(rel, None)
        return super()._open_w(filename, encoding, override)

    def write_bytes(self, rel: str, data: bytes) -> None:
        """Write a file the digest makes itself (feeds, email editions, sitemap), when it changed."""
        key = hashlib.sha256(data).hexdigest()
        if not self._unchanged(rel, key, self._root / rel):
            self._out.write(rel, data)
        self._produced[rel] = key

    def _rel(self, path: pathlib.Path) -> str:
        return path.resolve().relative_to(self._root).as_posix()

    def _unchanged(self, rel: str, key: str, path: pathlib.Path) -> bool:
        if self._previous is None:
            return False
        before = self._previous.get(rel)
        if not before or before[0] != key:
            return False
        try:
            stat = path.stat()
        except OSError:
            return False
        if [stat.st_size, stat.st_mtime_ns] != before[1:]:
            return False
        self._kept[rel] = before[1:]
        return True

    # ------------------------------------------------------------------ finishing
    def finish(self) -> tuple[int, int]:
        """Write the queued pages, record the manifest, delete stale files.
        Returns (pages rendered, pages skipped as unchanged)."""
        self.site_key = self._site_fingerprint()
        todo: list[_Page] = []
        skipped = 0
        for page in self._pages.values():
            if self._previous is None:      # nothing to compare with: keys are worked out as pages render
                todo.append(page)
                continue
            page.key = self._page_key(page)
            if self._unchanged(page.name, page.key, self._root / page.name):
                self._produced[page.name] = page.key
                skipped += 1
            else:
                todo.append(page)
        with partials.reusing():       # (post URLs are fixed for the whole output phase: plugin.py)
            rendered = self._render_all(todo)
        for name, key in rendered:
            self._produced[name] = key
        self._pages.clear()
        self._remove_stale()
        self._save_manifest()
        return len(todo), skipped

    def _render_all(self, pages: list[_Page]) -> list[tuple[str, str]]:
        """Render ``pages``: in forked worker processes, a chunk at a time, when there are enough.
        Returns each page's name and key."""
        global _RENDERING
        wanted = conf.get(self.settings, "DIGEST_WORKERS") or os.cpu_count() or 1
        workers = max(1, min(int(wanted), len(pages) // MIN_PAGES_PER_WORKER))
        done: list[tuple[str, str]] = []
        with stage("rendering pages", len(pages)) as advance:
            if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
                for page in pages:
                    done.append(self._render_keyed(page))
                    advance(1)
                return done
            _RENDERING = (self, pages)
            gc.freeze()     # forked workers then share the parent's objects instead of copying them for the GC
            try:
                chunks = [(i, min(i + RENDER_CHUNK, len(pages))) for i in range(0, len(pages), RENDER_CHUNK)]
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    for chunk in pool.imap_unordered(_render_chunk, chunks):
                        done += chunk
                        advance(len(chunk))
            finally:
                _RENDERING = None
                gc.unfreeze()
        return done

    def _render_keyed(self, page: _Page) -> tuple[str, str]:
        """Render one page; its name and key (worked out here when ``finish`` did not, in parallel)."""
        if self._previous is None:
            page.key = self._page_key(page)
        return self.render_page(page), page.key

    def render_page(self, page: _Page) -> str:
        """Render one queued page and write it if its bytes changed; returns its name."""
        local = self._local_context(page)
        original = page.context.get("localsiteurl")
        if local["localsiteurl"]:
            page.context["localsiteurl"] = local["localsiteurl"]
        try:
            output = page.template.render(local)
        finally:
            page.context["localsiteurl"] = original
        path = self._out.write(page.name, output.encode("utf-8"))
        log.info('Writing "%s"', path)
        signals.content_written.send(str(path), context=local)
        return page.name

    @staticmethod
    def _local_context(page: _Page) -> dict[str, Any]:
        """The variables Pelican's writer gives a page's template (``_variable`` reads one of them)."""
        local = dict(page.context)
        local["localsiteurl"] = local.get("localsiteurl")
        if page.relative_urls:
            relative = path_to_url(get_relative_path(page.name))
            local["SITEURL"] = relative
            local["localsiteurl"] = relative
        local["output_file"] = page.name
        local.update(page.kwargs)
        return local

    # ------------------------------------------------------------------ keys
    def _page_key(self, page: _Page) -> str:
        names = self._variables(page.template)
        if names is None:          # the template reads something we cannot list: always render
            return ""
        parts = [self.site_key, page.name, page.template.name or "", str(page.relative_urls)]
        for n in sorted(names):
            value = _variable(page, n)
            parts.append(f"{n}={_MISSING if value is _ABSENT else self._fingerprints.of(value)}")
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _variables(self, template: jinja2.Template) -> frozenset[str] | None:
        """Every variable ``template`` and the templates it uses read, or None if unknowable."""
        name = template.name or ""
        if name not in self._template_vars:
            self._template_vars[name] = _template_variables(template.environment, name) if name else None
        return self._template_vars[name]

    def _site_fingerprint(self) -> str:
        """What every page depends on: the tools, this package, the templates, the settings."""
        env = next((p.template.environment for p in self._pages.values()), None)
        templates = _templates_fingerprint(env) if env is not None else ""
        return hashlib.sha256("\x1f".join([
            pelican.__version__, jinja2.__version__, code_fingerprint(), templates,
            Fingerprinter().of(_plain_settings(self.settings))]).encode()).hexdigest()

    # ------------------------------------------------------------------ clean-up
    def _remove_stale(self) -> None:
        for rel in sorted(set(self._previous or {}) - set(self._produced)):
            path = self._root / rel
            try:
                path.unlink()
            except OSError:
                continue
            log.info('Removed stale "%s"', path)
            parent = path.parent
            while parent != self._root and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent

    def _save_manifest(self) -> None:
        if self._manifest_path is None:
            return
        files: dict[str, list[Any]] = {}
        for rel, key in sorted(self._produced.items()):
            kept = self._kept.get(rel)
            if kept is not None:
                files[rel] = [key, *kept]
                continue
            try:
                stat = (self._root / rel).stat()
            except OSError:
                continue
            files[rel] = [key, stat.st_size, stat.st_mtime_ns]
        self._manifest_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": MANIFEST_VERSION, "files": files}), encoding="utf-8")
        tmp.replace(self._manifest_path)


def _variable(page: _Page, name: str) -> Any:
    """One variable of ``DigestWriter._local_context(page)``, without copying the whole context."""
    if name in page.kwargs:
        return page.kwargs[name]
    if name == "output_file":
        return page.name
    if page.relative_urls and name in ("SITEURL", "localsiteurl"):
        return path_to_url(get_relative_path(page.name))
    if name == "localsiteurl":
        return page.context.get("localsiteurl")
    return page.context.get(name, _ABSENT)


def _template_variables(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """Undeclared variables of ``name`` and of every template it extends, includes or imports."""
    seen: set[str] = set()
    found: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0] if env.loader else None
        except jinja2.TemplateNotFound:
            return None
        if source is None:
            return None
        tree = env.parse(source)
        found |= meta.find_undeclared_variables(tree)
        for ref in meta.find_referenced_templates(tree):
            if ref is None:         # a computed template name
                return None
            todo.append(ref)
    return frozenset(found)


def _templates_fingerprint(env: jinja2.Environment) -> str:
    h = hashlib.sha256()
    if env.loader is None:
        return ""
    for name in sorted(env.loader.list_templates()):
        h.update(name.encode() + b"\0" + env.loader.get_source(env, name)[0].encode() + b"\0")
    return h.hexdigest()


def _plain_settings(value: Any) -> Any:
    """Settings as plain data: objects by their type's or function's qualified name (their code
    is in the package fingerprint or in Pelican's version)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain_settings(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain_settings(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    named = value if callable(value) else type(value)
    return f"{getattr(named, '__module__', '')}.{getattr(named, '__qualname__', type(named).__name__)}"
