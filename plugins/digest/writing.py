"""Write output files safely: only inside the output folder, and only when the bytes change."""
from __future__ import annotations

import pathlib


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
