"""The per-file metadata cache: one JSON file per corpus folder in the user cache directory.

Entries are keyed by a file's path under the corpus and stamped with its (size, mtime_ns); an
entry whose stamp differs is simply not used. The file is written whole and atomically (a temp
file in the same folder, then ``os.replace``), so a crash leaves the old cache or the new one; a
cache that does not parse, or was written by another version of the cleaning rules, is ignored
(it is only a cache: the corpus is indexed again and the file replaced).
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

CACHE_VERSION = 1
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


class MetaCache:
    """Load and save the entries of one corpus root."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self.root = root
        resolved = str(root.resolve())
        name = hashlib.blake2b(resolved.encode("utf-8"), digest_size=10).hexdigest()
        self.path = (folder or cache_dir()) / f"index-{name}.json"
        self._resolved = resolved

    def load(self) -> dict[str, dict[str, Any]]:
        """The cached entries, or {} when there is no usable cache (missing, corrupt, stale)."""
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if (not isinstance(data, dict) or data.get("rules") != RULES or data.get("root") != self._resolved
                or not isinstance(data.get("entries"), dict)):
            return {}
        return data["entries"]

    def save(self, entries: dict[str, dict[str, Any]]) -> bool:
        """Write every entry at once; False (and no exception) when the cache cannot be written:
        a read-only home must not stop the app."""
        blob = orjson.dumps({"rules": RULES, "root": self._resolved, "entries": entries})
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
