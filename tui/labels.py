"""The label schema: initiatives as a tree (national project -> federal project), from TOML.

A schema file is a list of ``[[label]]`` tables. Every problem in one is reported as a
``LabelSchemaError`` whose message is a single line ``<file>:<line>: <problem>`` so that a user can
jump straight to it; tomllib's own messages are reworded into the same shape.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_COLOR = "#afafaf"
TARGET_COLOR = "#ffd75f"

SCHEMA_VERSION = 1
LEVELS = ("national_project", "federal_project", "regional_project", "strategic_initiative", "programme")
FIELDS = ("id", "name", "parent", "level", "aliases", "weak_aliases", "key", "color")
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAMED_COLOR = re.compile(r"[a-z][a-z0-9_]*")
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_EOF = re.compile(r"\s*\(at end of document\)\s*$")


class LabelSchemaError(ValueError):
    """A schema file that cannot be used; the message names the file and, where known, the line."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Label:
    id: str
    name: str
    parent: str | None = None
    level: str = "national_project"
    aliases: tuple[str, ...] = ()
    key: str | None = None
    color: str = DEFAULT_COLOR
    # ordinary phrases ("digital economy", "Internet access") that name the label only when written
    # As Capitalised, «quoted» or next to a word such as "national project" / «нацпроект»
    weak_aliases: tuple[str, ...] = ()

    @property
    def all_aliases(self) -> tuple[str, ...]:
        return self.aliases + self.weak_aliases


@dataclass
class LabelSchema:
    labels: list[Label]
    source: str = "<default>"
    _by_id: dict[str, Label] = field(init=False, repr=False)
    # derived data other modules build once per schema (e.g. the compiled alias matcher)
    cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id = {lab.id: lab for lab in self.labels}

    def __len__(self) -> int:
        return len(self.labels)

    def __contains__(self, label_id: object) -> bool:
        return label_id in self._by_id

    def get(self, label_id: str) -> Label | None:
        return self._by_id.get(label_id)

    def roots(self) -> list[Label]:
        return [lab for lab in self.labels if lab.parent is None]

    def children(self, label_id: str) -> list[Label]:
        return [lab for lab in self.labels if lab.parent == label_id]

    def ancestors(self, label_id: str) -> list[Label]:
        """The parent, its parent, … up to the root (the schema is checked to have no cycles)."""
        out: list[Label] = []
        lab = self._by_id.get(label_id)
        while lab is not None and lab.parent is not None:
            lab = self._by_id.get(lab.parent)
            if lab is None or lab in out:
                break
            out.append(lab)
        return out

    def depth(self, label_id: str) -> int:
        return len(self.ancestors(label_id))

    def by_key(self, key: str) -> Label | None:
        return next((lab for lab in self.labels if lab.key == key), None)

    def color(self, label_id: str) -> str:
        lab = self._by_id.get(label_id)
        return lab.color if lab else (TARGET_COLOR if label_id == "target" else DEFAULT_COLOR)

    def search(self, query: str) -> list[Label]:
        """Labels whose id, name or an alias contains ``query`` (case-insensitive), in schema order."""
        q = query.casefold().strip()
        if not q:
            return list(self.labels)
        return [
            lab
            for lab in self.labels
            if q in lab.id.casefold()
            or q in lab.name.casefold()
            or any(q in a.casefold() for a in lab.all_aliases)
        ]


def default_labels_text() -> str:
    return resources.files("tui.data").joinpath("labels.toml").read_text(encoding="utf-8")


def load_labels(path: Path | None = None) -> LabelSchema:
    """Read a schema file (the packaged default when ``path`` is None)."""
    if path is None:
        return parse_labels(default_labels_text(), "<default labels.toml>")
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise LabelSchemaError(str(path), f"cannot read label schema ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise LabelSchemaError(str(path), f"not UTF-8 text (byte 0x{data[e.start]:02x})", line) from None
    return parse_labels(text, str(path))


# -- locating things in the file text, for messages -------------------------------------------------


class _Lines:
    """Line numbers of the ``[[label]]`` headers and of ``key =`` lines inside each of them."""

    _HEADER = re.compile(r"^[ \t]*\[\[[ \t]*label[ \t]*\]\]", re.MULTILINE)

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [text.count("\n", 0, m.start()) + 1 for m in self._HEADER.finditer(text)]

    def entry(self, n: int) -> int | None:
        """The header line of the n-th (0-based) entry, if the file writes entries as [[label]]."""
        return self.headers[n] if n < len(self.headers) else None

    def field_line(self, n: int, name: str) -> int | None:
        first = self.entry(n)
        if first is None:
            return None
        last = self.headers[n + 1] - 1 if n + 1 < len(self.headers) else len(self.lines)
        pat = re.compile(rf"^[ \t]*[\"']?{re.escape(name)}[\"']?[ \t]*=")
        for i in range(first, last):  # lines are 1-based, so index ``first`` is the line after the header
            if pat.match(self.lines[i]):
                return i + 1
        return first


def _toml_error(e: tomllib.TOMLDecodeError, source: str) -> LabelSchemaError:
    msg = str(e)
    m = _TOML_POS.search(msg)
    if m:
        return LabelSchemaError(source, f"TOML syntax error: {msg[:m.start()]} (column {m.group(2)})",
                                int(m.group(1)))
    m = _TOML_EOF.search(msg)
    if m:
        return LabelSchemaError(source, f"TOML syntax error: {msg[:m.start()]} at the end of the file")
    return LabelSchemaError(source, f"TOML syntax error: {msg}")


# -- parsing and checking -----------------------------------------------------------------------------


def _str_list(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        return None
    return tuple(a.strip() for a in value)


def _label(entry: Any, n: int, lines: _Lines, source: str) -> Label:
    def fail(problem: str, name: str | None = None) -> LabelSchemaError:
        line = lines.field_line(n, name) if name else lines.entry(n)
        return LabelSchemaError(source, f"label #{n + 1}: {problem}", line)

    if not isinstance(entry, dict):
        raise fail("is not a table")
    unknown = [k for k in entry if k not in FIELDS]
    if unknown:
        raise fail(f"unknown field {unknown[0]!r} (known: {', '.join(FIELDS)})", unknown[0])
    label_id = entry.get("id")
    if not isinstance(label_id, str) or not label_id.strip():
        raise fail("needs an id (a non-empty string)", "id" if "id" in entry else None)
    if not _ID.fullmatch(label_id):
        raise fail(f"id {label_id!r} may hold only letters, digits, '.', '_' and '-'", "id")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail(f"{label_id!r} needs a name (a non-empty string)", "name" if "name" in entry else None)
    parent = entry.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent.strip()):
        raise fail(f"{label_id!r}: parent must be a label id", "parent")
    if parent == label_id:
        raise fail(f"{label_id!r} is its own parent", "parent")
    level = entry.get("level", "federal_project" if parent else "national_project")
    if level not in LEVELS:
        raise fail(f"{label_id!r}: unknown level {level!r} (known: {', '.join(LEVELS)})", "level")
    aliases = _str_list(entry.get("aliases", []))
    if aliases is None:
        raise fail(f"{label_id!r}: aliases must be a list of non-empty strings", "aliases")
    weak = _str_list(entry.get("weak_aliases", []))
    if weak is None:
        raise fail(f"{label_id!r}: weak_aliases must be a list of non-empty strings", "weak_aliases")
    key = entry.get("key")
    if key is not None and (not isinstance(key, str) or len(key) != 1 or key.isspace()):
        raise fail(f"{label_id!r}: key must be a single character, got {key!r}", "key")
    color = entry.get("color", DEFAULT_COLOR)
    if not isinstance(color, str) or not (_HEX.fullmatch(color) or _NAMED_COLOR.fullmatch(color)):
        raise fail(f"{label_id!r}: bad colour {color!r} (use #rrggbb, #rgb or a colour name)", "color")
    return Label(id=label_id, name=name.strip(), parent=parent, level=level, aliases=aliases,
                 key=key, color=color, weak_aliases=weak)


def _check_tree(labels: list[Label], lines: _Lines, source: str) -> None:
    seen: dict[str, int] = {}
    keys: dict[str, int] = {}
    for n, lab in enumerate(labels):
        if lab.id in seen:
            first = lines.field_line(seen[lab.id], "id")
            at = (f" (first at line {first})" if first is not None
                  else f" (first as label #{seen[lab.id] + 1})")
            raise LabelSchemaError(source, f"duplicate label id {lab.id!r}{at}", lines.field_line(n, "id"))
        seen[lab.id] = n
        if lab.key is not None:
            if lab.key in keys:
                other = labels[keys[lab.key]].id
                problem = f"key {lab.key!r} of {lab.id!r} is already the key of {other!r}"
                raise LabelSchemaError(source, problem, lines.field_line(n, "key"))
            keys[lab.key] = n
    for n, lab in enumerate(labels):
        if lab.parent is not None and lab.parent not in seen:
            raise LabelSchemaError(source, f"label {lab.id!r} has an unknown parent {lab.parent!r}",
                                   lines.field_line(n, "parent"))
    parent_of = {lab.id: lab.parent for lab in labels}
    for n, lab in enumerate(labels):
        path = [lab.id]
        cur = lab.parent
        while cur is not None:
            if cur == lab.id:
                raise LabelSchemaError(source, f"parents form a cycle: {' -> '.join([*path, cur])}",
                                       lines.field_line(n, "parent"))
            if cur in path:  # a cycle above this label; it is reported at its own first member
                break
            path.append(cur)
            cur = parent_of[cur]


def _top_line(text: str, pattern: str) -> int | None:
    where = re.search(rf"^[ \t]*{pattern}", text, re.MULTILINE)
    return text.count("\n", 0, where.start()) + 1 if where else None


def parse_labels(text: str, source: str) -> LabelSchema:
    """Parse and check a schema; any problem raises ``LabelSchemaError`` naming ``source`` and a line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _toml_error(e, source) from None
    lines = _Lines(text)
    for key in data:
        if key not in ("version", "label"):  # e.g. [[labels]]: say so rather than "empty schema"
            line = _top_line(text, rf"(?:\[\[?[ \t]*{re.escape(key)}\b|{re.escape(key)}[ \t]*=)")
            raise LabelSchemaError(source, f"unknown top-level key {key!r} (a schema holds version and "
                                           "[[label]] tables)", line)
    version = data.get("version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= SCHEMA_VERSION:
        raise LabelSchemaError(source, f"unsupported schema version {version!r} (this natproj-tui reads "
                                       f"version {SCHEMA_VERSION})", _top_line(text, r"version[ \t]*="))
    entries = data.get("label", [])
    if not isinstance(entries, list):
        raise LabelSchemaError(source, "'label' must be an array of tables, written [[label]]")
    if not entries:
        raise LabelSchemaError(source, "empty schema: no [[label]] entries")
    labels = [_label(entry, n, lines, source) for n, entry in enumerate(entries)]
    _check_tree(labels, lines, source)
    return LabelSchema(labels, source)
