"""Index pages with Pagefind's service mode, sending them from memory.

``pagefind --service`` (the binary of the ``pagefind`` PyPI package) reads requests on its
stdin and answers on its stdout: each message is base64-encoded JSON followed by a comma,
the protocol of Pagefind's own Python and Node wrappers. Sending the pages this way
writes no staging copies of them to disk (tens of thousands of small files for a big
site, each one a file and a folder to create and delete).

The Python wrapper in the ``pagefind`` package polls for each answer with a 0.1 s sleep,
which is two minutes for a shard of a thousand pages, so this module talks to the binary
itself: one request, then its answer, in order. The index is the same as the wrapper's
for the same pages sent in the same order.
"""
from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

from .writing import inside

ANSWER_TIMEOUT_S = 600      # Pagefind answers each request in well under a second a page


class PagefindError(Exception):
    """Pagefind could not be started, or refused a request; the message says why."""


class _Service:
    """One running ``pagefind --service`` process."""

    def __init__(self, cwd: Path) -> None:
        binary = get_executable()
        if binary is None:
            raise PagefindError("the pagefind binary is not installed")
        self._errors = tempfile.TemporaryFile()
        self._proc = subprocess.Popen([str(binary), "--service"], cwd=cwd, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=self._errors)
        self._buffer = bytearray()
        self._next_id = 0

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and return the answer's payload."""
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
            self._proc.stdin.flush()
        except BrokenPipeError:
            raise PagefindError(f"pagefind stopped: {self._stderr()}") from None
        answer = json.loads(base64.b64decode(self._read_message()))
        reply = answer.get("payload") or {}
        if reply.get("type") == "Error":
            raise PagefindError(f"pagefind refused {payload['type']}: {reply.get('message', '')}")
        if answer.get("message_id") != self._next_id:
            raise PagefindError(f"pagefind answered message {answer.get('message_id')}, not {self._next_id}")
        return reply

    def _read_message(self) -> bytes:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        scanned = 0
        while (end := self._buffer.find(b",", scanned)) < 0:
            scanned = len(self._buffer)
            if not select.select([fd], [], [], ANSWER_TIMEOUT_S)[0]:
                self._proc.kill()
                raise PagefindError(f"pagefind did not answer within {ANSWER_TIMEOUT_S} s")
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise PagefindError(f"pagefind stopped: {self._stderr()}")
            self._buffer += chunk
        message = bytes(self._buffer[:end])
        del self._buffer[:end + 1]
        return message

    def _stderr(self) -> str:
        self._proc.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit status {self._proc.returncode}"

    def close(self) -> None:
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            try:
                self._proc.stdin.close()
            except BrokenPipeError:
                pass
        try:
            self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._errors.close()


def index_pages(pages: Iterable[tuple[str, str]], target: Path) -> None:
    """Index ``pages`` (each a path under the site, from which Pagefind makes the result's URL
    as it does for a file on disk, and the page's HTML) and write the bundle to ``target``.

    The bundle is asked for in memory and written here: the service stops as soon as its
    input closes, and files it had been asked to write itself were found cut short then.
    Raises PagefindError, naming the reason, when Pagefind cannot do it; OSError when the
    bundle cannot be written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        service = _Service(target.parent)
    except OSError as exc:
        raise PagefindError(f"pagefind could not start: {exc}") from exc
    try:
        index = service.request({"type": "NewIndex", "config": None})["index_id"]
        for path, html in pages:
            service.request({"type": "AddFile", "index_id": index, "file_path": path, "url": None,
                             "file_contents": html})
        bundle = service.request({"type": "GetFiles", "index_id": index})["files"]
    except OSError as exc:
        raise PagefindError(f"pagefind could not run: {exc}") from exc
    finally:
        service.close()
    for file in sorted(bundle, key=lambda f: f["path"]):
        path = inside(target, file["path"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(file["content"]))
