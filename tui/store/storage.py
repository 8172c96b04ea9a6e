"""A TinyDB storage that parses with orjson and replaces the file atomically on every write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.files import atomic_write
from tui.store.errors import DatabaseCorrupt


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def parse_json(path: Path, raw: bytes | None) -> dict[str, Any] | None:
    """The parsed file, ``None`` when it is empty or missing; ``DatabaseCorrupt`` when it does not parse."""
    if raw is None or not raw.strip():
        return None  # TinyDB's own convention: an empty file is an empty database
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        raise DatabaseCorrupt(path, f"invalid JSON: {e.msg or 'does not parse'}", e.lineno, e.colno) from None
    if not isinstance(data, dict):
        raise DatabaseCorrupt(path, f"the top level is a JSON {type(data).__name__}, not an object of tables")
    return data


def read_json(path: Path) -> dict[str, Any] | None:
    return parse_json(path, read_bytes(path))


def dump_json(data: Any) -> bytes:
    # orjson writes non-ASCII as UTF-8 (Russian stays readable), like json.dumps(ensure_ascii=False).
    return orjson.dumps(data)


class AtomicJSONStorage(Storage):
    """TinyDB storage: UTF-8 JSON, orjson, every write atomic and fsync'd."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_json(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise OSError(f"{self.path} is open read-only")
        atomic_write(self.path, dump_json(data))

    def write_bytes(self, data: bytes) -> None:
        """Replace the file with JSON already serialised (the store writes its own layout)."""
        if self.read_only:
            raise OSError(f"{self.path} is open read-only")
        atomic_write(self.path, data)

    def close(self) -> None:
        pass
