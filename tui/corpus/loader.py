"""Finding and reading corpus files: folders (recursive .txt/.md), JSONL documents, single files.

Nothing here raises for a bad file: it becomes a ``Skipped`` with a one-line reason.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path

from tui.corpus.decode import DecodeError, decode_bytes, decode_text
from tui.corpus.document import Skipped

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_BYTES = 200 * 1024 * 1024  # a bigger "text" is almost surely not an article


@dataclass
class Source:
    """One document as read, before cleaning."""

    id: str
    raw: str
    path: str
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None
    source: str | None = None


def os_reason(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if e.errno == errno.ENOENT:
        return "no such file" if not os.path.islink(e.filename or "") else "broken symbolic link"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.EISDIR:
        return "is a directory"
    return (e.strerror or type(e).__name__).lower()


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DecodeError(f"too large (over {MAX_BYTES // 2**20} MB)")
    return data


def read_text_file(path: Path, doc_id: str) -> Source | Skipped:
    try:
        data = read_bytes(path)
        decoded = decode_bytes(data)
    except OSError as e:
        return Skipped(str(path), os_reason(e))
    except DecodeError as e:
        return Skipped(str(path), str(e))
    return Source(doc_id, decoded.text, str(path), decoded.encoding)


def _str_field(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return value.strip() or None if isinstance(value, str) else None


def read_jsonl(path: Path) -> tuple[list[Source], list[Skipped]]:
    """One document a line: {"id", "text", "title"?, "date"?, "source"?}. A bad line is skipped with
    its line number; the rest loads."""
    try:
        decoded = decode_bytes(read_bytes(path))
    except OSError as e:
        return [], [Skipped(str(path), os_reason(e))]
    except DecodeError as e:
        return [], [Skipped(str(path), str(e))]
    sources: list[Source] = []
    skipped: list[Skipped] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(decoded.text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            skipped.append(Skipped(str(path), f"line {n}: not valid JSON ({e.msg})"))
            continue
        if not isinstance(obj, dict):
            skipped.append(Skipped(str(path), f"line {n}: not a JSON object"))
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            skipped.append(Skipped(str(path), f"line {n}: no \"text\""))
            continue
        raw_id = obj.get("id")
        doc_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) else ""
        doc_id = doc_id or f"{path.stem}-{n}"
        if doc_id in seen:
            # a repeated id would make two documents share annotations: keep both, apart and stable
            seen[doc_id] += 1
            doc_id = f"{doc_id}~{seen[doc_id]}"
        seen.setdefault(doc_id, 1)
        sources.append(Source(doc_id, decode_text(text).text, f"{path}:{n}", decoded.encoding,
                              _str_field(obj, "title"), _str_field(obj, "date"), _str_field(obj, "source")))
    return sources, skipped


def list_folder(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Text files under ``root``, sorted; symlinked folders are followed once (a loop is not)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> None:
        try:
            st = folder.stat()
        except OSError as e:
            skipped.append(Skipped(str(folder), os_reason(e)))
            return
        if (st.st_dev, st.st_ino) in seen_dirs:
            return
        seen_dirs.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            skipped.append(Skipped(str(folder), os_reason(e)))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as e:
                skipped.append(Skipped(str(path), os_reason(e)))
                continue
            if is_dir:
                walk(path)
            elif entry.name.lower().endswith(TEXT_SUFFIXES):
                files.append(path)

    walk(root)
    return files, skipped


def folder_ids(root: Path, files: list[Path]) -> list[str]:
    """A file's id is its path under the corpus folder without the extension ("000_abc",
    "2021/ryazan"); only when two files differ by extension alone do both keep it. Ids do not
    depend on which other files exist, so they stay stable as a corpus grows."""
    stems = [f.relative_to(root).with_suffix("").as_posix() for f in files]
    counts: dict[str, int] = {}
    for s in stems:
        counts[s] = counts.get(s, 0) + 1
    return [s if counts[s] == 1 else f.relative_to(root).as_posix()
            for s, f in zip(stems, files, strict=True)]


def read_sources(path: Path) -> tuple[list[Source], list[Skipped]]:
    """Every document under ``path`` (a folder, a JSONL file or one text file)."""
    try:
        is_dir = path.is_dir()
        exists = path.exists() or path.is_symlink()
    except OSError as e:
        return [], [Skipped(str(path), os_reason(e))]
    if not exists:
        return [], [Skipped(str(path), "no such file or folder")]
    if is_dir:
        files, skipped = list_folder(path)
        sources: list[Source] = []
        for f, doc_id in zip(files, folder_ids(path, files), strict=True):
            got = read_text_file(f, doc_id)
            (skipped if isinstance(got, Skipped) else sources).append(got)  # type: ignore[arg-type]
        return sources, skipped
    if path.suffix.lower() in JSONL_SUFFIXES:
        return read_jsonl(path)
    got = read_text_file(path, path.stem)
    return ([], [got]) if isinstance(got, Skipped) else ([got], [])
