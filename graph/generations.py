"""A build's output folder as generations, switched in one atomic step.

Each build writes all its files (graph.ttl, graph.trig, graph.jsonld, graph.html, report.json and, with
--store inside the folder, the Oxigraph store) into its own hidden folder OUT/.gen-<n>. One symlink,
OUT/current, names the live generation and is replaced with a single rename, so a reader that resolves it
once (`current(out)`) sees every file of one build and never a mix of two. OUT/graph.ttl and the other
familiar names are symlinks through OUT/current, so existing paths keep working. The previous generation is
kept for readers still using it; older ones are removed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

__all__ = ["CURRENT", "current", "is_output_folder", "publish"]

CURRENT = "current"
_GEN = re.compile(r"\.gen-(\d+)$")


def current(out_dir: str | os.PathLike) -> Path | None:
    """The live generation folder of out_dir (resolved once, so it stays one build), or None if there is none."""
    link = Path(out_dir) / CURRENT
    if not link.is_symlink():
        return None
    target = (link.parent / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def is_output_folder(path: str | os.PathLike) -> bool:
    """True if path is a build's output folder with a live generation."""
    return current(path) is not None


def _numbers(out_dir: Path) -> list[int]:
    return sorted(int(m.group(1)) for p in out_dir.glob(".gen-*") if (m := _GEN.match(p.name)))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(staging: Path, out_dir: Path) -> Path:
    """Make the complete folder `staging` (inside out_dir) the live generation; returns its new path.

    staging is renamed to .gen-<n>, OUT/current is switched to it in one os.replace, the stable names in OUT
    are (re)pointed through OUT/current, and generations older than the previous one are deleted.
    """
    out_dir = Path(out_dir)
    live = current(out_dir)
    n = max([0, *_numbers(out_dir)]) + 1
    gen = out_dir / f".gen-{n}"
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)  # readable like any folder the user makes (mkdtemp gives 0700)
    os.replace(staging, gen)
    _fsync_dir(gen)
    tmp_link = out_dir / f".{CURRENT}.{n}.tmp"
    tmp_link.unlink(missing_ok=True)
    os.symlink(gen.name, tmp_link)
    link = out_dir / CURRENT
    if link.is_dir() and not link.is_symlink():  # a copy of an output folder made without symlinks
        stale = out_dir / f".gen-{n}-copied"
        os.replace(link, stale)
    os.replace(tmp_link, link)  # the switch: one atomic rename
    _fsync_dir(out_dir)
    names = {p.name for p in gen.iterdir()}
    old_names = {p.name for p in live.iterdir()} if live is not None else set()
    for name in sorted(names | old_names):
        stable = out_dir / name
        if name in names:
            if stable.is_symlink() and os.readlink(stable) == f"{CURRENT}/{name}":
                continue
            if stable.is_dir() and not stable.is_symlink():
                continue  # a real folder of the same name (e.g. an older store) is never replaced
            link = out_dir / f".{name}.{n}.tmp"
            link.unlink(missing_ok=True)
            os.symlink(f"{CURRENT}/{name}", link)
            os.replace(link, stable)
        elif stable.is_symlink() and os.readlink(stable) == f"{CURRENT}/{name}":
            stable.unlink()  # the new build has no such file (e.g. built without the HTML view)
    keep = {gen.name} | ({live.name} if live is not None else set())
    for p in out_dir.glob(".gen-*"):
        if p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)
    return gen
