"""Finding and reading corpus files: folders (recursive .txt/.md), JSONL documents, single files.

Nothing here raises for a bad file: it becomes a ``Skipped`` with a one-line reason.
"""

from __future__ import annotations

import errno
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.corpus.decode import DecodeError, decode_bytes, decode_text
from tui.corpus.document import Skipped

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_BYTES = 200 * 1024 * 1024  # a bigger "text" is almost surely not an article
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # Windows would translate newlines without it


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
    notes: list[str] = field(default_factory=list)  # what the user should be told (Notice messages)


def repeated_id_note(given: str, loaded_as: str) -> str:
    return f"repeated document id '{given}', loaded as '{loaded_as}'"


class UniqueIds:
    """Hands out document ids, renaming a repeat "d1" to "d1~2", "d1~3", … (never to an id already
    taken): two documents under one id would share their annotations."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def claim(self, doc_id: str) -> str:
        if doc_id not in self._taken:
            self._taken.add(doc_id)
            return doc_id
        n = self._next.get(doc_id, 2)
        while f"{doc_id}~{n}" in self._taken:
            n += 1
        self._next[doc_id] = n + 1
        new = f"{doc_id}~{n}"
        self._taken.add(new)
        return new


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
    """The file's bytes, refusing one over MAX_BYTES. ``read(MAX_BYTES + 1)`` would allocate the
    whole limit for every file (it was most of the time spent reading a folder of small files),
    so the size comes from the open file first; the read still goes to the end of a file that
    grows meanwhile or reports no size (/proc), and never past the limit. Plain descriptors, not
    a file object: on a folder of small files, building the object cost a third of the read."""
    fd = os.open(path, _READ_FLAGS)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_BYTES:
            raise DecodeError(f"too large (over {MAX_BYTES // 2**20} MB)")
        parts = [os.read(fd, size + 1)] if size else []
        if not parts or len(parts[0]) > size:
            read = sum(map(len, parts))
            while read <= MAX_BYTES and (chunk := os.read(fd, min(2**20, MAX_BYTES + 1 - read))):
                parts.append(chunk)
                read += len(chunk)
    finally:
        os.close(fd)
    data = parts[0] if len(parts) == 1 else b"".join(parts)
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
    note = decoded.note
    return Source(doc_id, decoded.text, str(path), decoded.encoding, notes=[note] if note else [])


def read_text_prefix(path: Path, doc_id: str, encoding: str | None, size: int) -> Source | Skipped:
    """About the first ``size`` bytes of a file, to its last whole line, decoded the way the index
    found the whole file to be: the top of a long document without reading (and checking) all of
    it. A file of a wider or unknown encoding, where a newline byte may sit inside a character, is
    read whole."""
    enc = (encoding or "").lower().replace("_", "-")
    if not enc or enc.startswith(("utf-16", "utf-32")):
        return read_text_file(path, doc_id)
    try:
        with open(path, "rb") as f:
            data = f.read(size)
    except OSError as e:
        return Skipped(str(path), os_reason(e))
    if len(data) == size and (cut := data.rfind(b"\n")) > 0:
        data = data[:cut + 1]
    try:
        text = data.decode(enc, errors="replace")
    except LookupError:
        return read_text_file(path, doc_id)
    decoded = decode_text(text, enc)
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
    ids = UniqueIds()
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
        given = doc_id or f"{path.stem}-{n}"
        doc_id = ids.claim(given)  # a repeat keeps both documents, apart and stable, and is reported
        notes = [repeated_id_note(given, doc_id)] if doc_id != given else []
        if decoded.replaced and "\ufffd" in line:
            notes.append("invalid UTF-8 bytes replaced (U+FFFD)")
        sources.append(Source(doc_id, decode_text(text).text, f"{path}:{n}", decoded.encoding,
                              _str_field(obj, "title"), _str_field(obj, "date"), _str_field(obj, "source"),
                              notes))
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
    # ``list_folder`` joins each name to its folder's path, so every file's path starts with the
    # root's (but "." itself, which Path drops): cutting strings gives what ``relative_to`` did,
    # without two Path objects a file
    top = str(root)
    base = 0 if top == "." else len(os.path.join(top, ""))
    rels = [str(f)[base:] for f in files]
    return ids_of([r.replace(os.sep, "/") for r in rels] if os.sep != "/" else rels)


def ids_of(rels: list[str]) -> list[str]:
    """``folder_ids`` of paths under the root, written with "/"."""
    # every name ends in one of TEXT_SUFFIXES, so its extension starts at the last dot
    stems = [r[: r.rfind(".")] for r in rels]
    counts = Counter(stems)
    return [stem if counts[stem] == 1 else rel for stem, rel in zip(stems, rels, strict=True)]


def each_file(path: Path) -> Iterator[tuple[list[Source], list[Skipped]]]:
    """The documents under ``path`` (a folder, a JSONL file or one text file), a file at a time,
    so a caller that needs two passes over a corpus never holds all of its texts."""
    try:
        is_dir = path.is_dir()
        exists = path.exists() or path.is_symlink()
    except OSError as e:
        yield [], [Skipped(str(path), os_reason(e))]
        return
    if not exists:
        yield [], [Skipped(str(path), "no such file or folder")]
    elif is_dir:
        files, skipped = list_folder(path)
        yield [], skipped
        for f, doc_id in zip(files, folder_ids(path, files), strict=True):
            got = read_text_file(f, doc_id)
            yield ([], [got]) if isinstance(got, Skipped) else ([got], [])
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield read_jsonl(path)
    else:
        got = read_text_file(path, path.stem)
        yield ([], [got]) if isinstance(got, Skipped) else ([got], [])


def read_sources(path: Path) -> tuple[list[Source], list[Skipped]]:
    """Every document under ``path`` (a folder, a JSONL file or one text file)."""
    sources: list[Source] = []
    skipped: list[Skipped] = []
    for got, bad in each_file(path):
        sources.extend(got)
        skipped.extend(bad)
    return sources, skipped
