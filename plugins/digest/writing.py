"""Write output files safely: only inside the output folder, and only when the bytes change."""
from __future__ import annotations

import os
import pathlib
import stat


def inside(root: pathlib.Path, rel: str) -> pathlib.Path:
    """The path of ``rel`` under ``root``; refuses anything that would land outside it."""
    base = root.resolve()
    target = (base / rel).resolve()
    if target != base and base not in target.parents:
        raise ValueError(f"refusing to write outside the output folder: {rel}")
    return target


def write_if_changed(path: pathlib.Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless the file already holds exactly those bytes."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


class OutputFolder:
    """Writes files under one folder as ``write_if_changed(inside(root, rel), data)`` would, with
    fewer system calls for a site's thousands of pages: each directory is resolved and created
    once (a new one with one ``mkdir``), and a file that is not there yet is written without
    first trying to read it."""

    def __init__(self, root: pathlib.Path) -> None:
        self.root = root.resolve()
        self._dirs: dict[str, pathlib.Path] = {}     # relative folder -> resolved path, known to exist

    def write(self, rel: str, data: bytes) -> pathlib.Path:
        """Write ``data`` to ``rel`` unless it already holds them; returns the file's path."""
        folder, _, name = rel.rpartition("/")
        if name in ("", ".", "..") or os.path.isabs(rel):
            path = inside(self.root, rel)
            write_if_changed(path, data)
            return path
        parent = self._folder(folder)
        path = parent / name
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            path.write_bytes(data)
            return path
        if stat.S_ISLNK(mode):          # where a link leads must be inside the folder too
            path = inside(self.root, rel)
        write_if_changed(path, data)
        return path

    def _folder(self, rel: str) -> pathlib.Path:
        """The resolved path of folder ``rel`` ("" for the root), made if missing."""
        found = self._dirs.get(rel)
        if found is not None:
            return found
        up, _, name = rel.rpartition("/")
        if not rel:
            found = self.root
            found.mkdir(parents=True, exist_ok=True)
        elif name in ("", ".", ".."):
            found = inside(self.root, rel)
            found.mkdir(parents=True, exist_ok=True)
        else:
            found = self._folder(up) / name
            try:
                found.mkdir()
            except FileExistsError:
                if found.is_symlink():      # where a link leads must be inside the folder too
                    found = inside(self.root, rel)
                    found.mkdir(parents=True, exist_ok=True)
                elif not found.is_dir():
                    raise
        self._dirs[rel] = found
        return found
