"""Where the corpus, the database and the label schema are by default."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "natproj-tui"
DB_NAME = "annotations.json"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Locations:
    corpus: Path
    db: Path
    labels: Path | None  # None: the packaged default schema


def default_annotator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a container without /etc/passwd entry
        return os.environ.get("USER", "annotator")


def resolve(corpus: Path | None, db: Path | None, labels: Path | None, cwd: Path | None = None) -> Locations:
    """Fill in what the user did not give: ./seeds and ./annotations when run in a project folder,
    the checkout's seeds and a per-user data folder otherwise."""
    here = cwd or Path.cwd()
    if corpus is None:
        corpus = here / "seeds" if (here / "seeds").is_dir() else PROJECT_ROOT / "seeds"
    ann_dir = here / "annotations" if (here / "annotations").is_dir() else user_data_path(APP_NAME)
    if db is None:
        db = ann_dir / DB_NAME
    if labels is None and (ann_dir / "labels.toml").is_file():
        labels = ann_dir / "labels.toml"
    return Locations(corpus=corpus, db=db, labels=labels)
