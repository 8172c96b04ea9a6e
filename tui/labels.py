"""The label schema: initiatives as a tree (national project -> federal project), from TOML."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_COLOR = "#afafaf"
TARGET_COLOR = "#ffd75f"


class LabelSchemaError(ValueError):
    """A schema file that cannot be used; the message names the file and, where known, the line."""


@dataclass(frozen=True, slots=True)
class Label:
    id: str
    name: str
    parent: str | None = None
    level: str = "national_project"
    aliases: tuple[str, ...] = ()
    key: str | None = None
    color: str = DEFAULT_COLOR


@dataclass
class LabelSchema:
    labels: list[Label]
    source: str = "<default>"
    _by_id: dict[str, Label] = field(init=False, repr=False)

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
            if q in lab.id.casefold() or q in lab.name.casefold() or any(q in a.casefold() for a in lab.aliases)
        ]


def default_labels_text() -> str:
    return resources.files("tui.data").joinpath("labels.toml").read_text(encoding="utf-8")


def load_labels(path: Path | None = None) -> LabelSchema:
    """Read a schema file (the packaged default when ``path`` is None)."""
    if path is None:
        return parse_labels(default_labels_text(), "<default labels.toml>")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LabelSchemaError(f"{path}: cannot read label schema ({e})") from None
    return parse_labels(text, str(path))


def parse_labels(text: str, source: str) -> LabelSchema:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LabelSchemaError(f"{source}: {e}") from None
    entries = data.get("label", [])
    if not isinstance(entries, list) or not entries:
        raise LabelSchemaError(f"{source}: no [[label]] entries")
    labels: list[Label] = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise LabelSchemaError(f"{source}: label #{n} needs an id and a name")
        labels.append(
            Label(
                id=str(entry["id"]),
                name=str(entry["name"]),
                parent=entry.get("parent"),
                level=str(entry.get("level", "federal_project" if entry.get("parent") else "national_project")),
                aliases=tuple(str(a) for a in entry.get("aliases", [])),
                key=entry.get("key"),
                color=str(entry.get("color", DEFAULT_COLOR)),
            )
        )
    return LabelSchema(labels, source)
