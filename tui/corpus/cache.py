"""The per-file metadata cache: one file per corpus folder in the user cache directory.

Entries are keyed by a file's path under the corpus and stamped with its (size, mtime_ns); an
entry whose stamp differs is simply not used. The file is written whole and atomically (a temp
file in the same folder, then ``os.replace``), so a crash leaves the old cache or the new one; a
cache that does not parse, or was written by another version of the cleaning rules, is ignored
(it is only a cache: the corpus is indexed again and the file replaced).

The file holds two JSON documents, one a line: first what the document list needs, in columns
(``load_list`` parses only that line: a warm start of 10,000 documents lists them from it), then
what cleaning against the corpus statistics needs (edge hashes and probe answers), which only the
background pass reads (``load``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
import platformdirs

CACHE_VERSION = 3
ENV = "NATPROJ_TUI_CACHE"  # a folder to use instead of the user cache dir (tests, benchmarks)
# the code whose output is cached; a change of the cache's own format bumps CACHE_VERSION
_RULE_MODULES = ("boilerplate", "clean", "dates", "decode", "loader", "metadata", "pipeline", "segment")


def _rules_version() -> str:
    """A digest of the code that produces the cached facts: changed cleaning rules invalidate
    every entry without anyone having to remember to bump a number."""
    h = hashlib.blake2b(str(CACHE_VERSION).encode(), digest_size=8)
    here = Path(__file__).parent
    for name in _RULE_MODULES:
        with contextlib.suppress(OSError):
            h.update((here / f"{name}.py").read_bytes())
    return h.hexdigest()


RULES = _rules_version()


def cache_dir() -> Path:
    override = os.environ.get(ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("natproj-tui"))


DOC_FIELDS = ("title", "date", "date_text", "place", "source", "lang", "encoding", "chars")
SIGNATURE_FIELDS = ("edges", "fps", "yes", "no")
EXTRA_FIELDS = ("skip", "empty", "notes")  # few entries have them


class MetaCache:
    """Load and save the entries of one corpus root."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self.root = root
        resolved = str(root.resolve())
        name = hashlib.blake2b(resolved.encode("utf-8"), digest_size=10).hexdigest()
        self.path = (folder or cache_dir()) / f"index-{name}.json"
        self._resolved = resolved
        self._head: bytes | None = None  # the first line ``load_list`` read

    def _lines(self) -> tuple[bytes, bytes] | None:
        try:
            blob = self.path.read_bytes()
        except OSError:
            return None
        head, _, tail = blob.partition(b"\n")  # JSON strings escape newlines: this is the boundary
        return head, tail

    def _list(self, head: bytes) -> dict[str, dict[str, Any]]:
        try:
            data = orjson.loads(head)
        except orjson.JSONDecodeError:
            return {}
        if not isinstance(data, dict) or data.get("rules") != RULES or data.get("root") != self._resolved:
            return {}
        try:
            keys, sizes, mtimes, docs, starts = (data[k] for k in ("keys", "size", "mtime", "doc", "starts"))
            entries: dict[str, dict[str, Any]] = {}
            listed: list[dict[str, Any]] = []
            for key, size, mtime, doc, st in zip(keys, sizes, mtimes, docs, starts, strict=True):
                facts: dict[str, Any] = {"size": size, "mtime": mtime}
                if doc is not None:
                    if len(doc) != len(DOC_FIELDS) or not isinstance(st, str):
                        return {}
                    facts["doc"] = doc
                    facts["starts"] = st
                entries[key] = facts
                listed.append(facts)
            for i, more in data.get("extra", {}).items():  # few entries have any
                listed[int(i)].update(more)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return {}
        return entries

    @staticmethod
    def _signatures(tail: bytes, n: int) -> list[list[Any]] | None:
        """The second line's columns (SIGNATURE_FIELDS), each of ``n`` values, or None."""
        try:
            sig = orjson.loads(tail)
            columns = [sig[k] for k in SIGNATURE_FIELDS]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return None
        return columns if all(isinstance(c, list) and len(c) == n for c in columns) else None

    @staticmethod
    def merge(entries: list[dict[str, Any]], columns: list[list[Any]]) -> None:
        """Put the statistics facts into the list's entries (in the same order)."""
        for facts, *values in zip(entries, *columns, strict=True):
            if values[0] is not None:
                facts.update(zip(SIGNATURE_FIELDS, values, strict=True))

    def load_list(self) -> dict[str, dict[str, Any]]:
        """What the list needs of each cached file, in the order saved (without the statistics
        facts: see ``load_signatures``); {} when there is no usable cache."""
        lines = self._lines()
        if lines is None:
            return {}
        self._head = lines[0]
        return self._list(lines[0])

    def load_signatures(self, n: int) -> list[list[Any]] | None:
        """The statistics facts of the ``n`` entries ``load_list`` gave, as columns in its order
        (for ``merge``); None when the file has changed since or its second line is unusable.
        Only the second line is parsed: the first is compared as bytes."""
        lines = self._lines()
        if lines is None or self._head is None or lines[0] != self._head:
            return None
        return self._signatures(lines[1], n)

    def load(self) -> dict[str, dict[str, Any]]:
        """The cached entries, whole, or {} when there is no usable cache (missing, corrupt, stale)."""
        lines = self._lines()
        if lines is None:
            return {}
        entries = self._list(lines[0])
        columns = self._signatures(lines[1], len(entries)) if entries else None
        if columns is None:
            return {}
        self.merge(list(entries.values()), columns)
        return entries

    def save(self, entries: dict[str, dict[str, Any]]) -> bool:
        """Write every entry at once; False (and no exception) when the cache cannot be written:
        a read-only home must not stop the app."""
        facts = list(entries.values())
        extra = {str(i): more for i, f in enumerate(facts)
                 if (more := {k: f[k] for k in EXTRA_FIELDS if k in f})}
        head = {
            "rules": RULES, "root": self._resolved, "keys": list(entries),
            "size": [f["size"] for f in facts], "mtime": [f["mtime"] for f in facts],
            "doc": [f.get("doc") for f in facts],
            "starts": [f.get("starts") for f in facts], "extra": extra,
        }
        sig = {k: [f.get(k) for f in facts] for k in SIGNATURE_FIELDS}
        blob = orjson.dumps(head) + b"\n" + orjson.dumps(sig)
        tmp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            tmp = None
        except OSError:
            return False
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        return True
