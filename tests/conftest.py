"""Shared fixtures: a private copy of the seed corpus, a fresh database, and the app built on them.

Textual is imported only inside the app fixtures, so domain tests never load it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tui.corpus import Corpus, open_corpus
from tui.labels import LabelSchema, load_labels
from tui.store import AnnotationStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ANNOTATOR = "tester"  # fixed, so snapshots and records never depend on the login name


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus metadata cache of every test goes to a folder of its own, not the user's cache
    (which the tests once filled with an index file per temporary corpus)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("NATPROJ_TUI_CACHE", str(folder))
    return folder


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of ./seeds that a test may change."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a fresh database goes (the file does not exist yet)."""
    return tmp_path / "annotations" / "annotations.json"


@pytest.fixture
def corpus(seeds: Path) -> Corpus:
    return open_corpus(seeds)


@pytest.fixture
def schema() -> LabelSchema:
    return load_labels(None)


@pytest.fixture
def store(db_path: Path) -> Iterator[AnnotationStore]:
    with AnnotationStore(db_path, annotator=ANNOTATOR) as s:
        yield s


@pytest.fixture
def make_app(seeds: Path, db_path: Path) -> Callable[..., Any]:
    """Build a NatprojApp on the seed copy and the fresh database; keyword arguments override."""

    def build(**overrides: Any) -> Any:
        from tui.app.app import NatprojApp

        args: dict[str, Any] = {
            "corpus_path": seeds, "db_path": db_path, "labels_path": None,
            "annotator": ANNOTATOR, "read_only": False,
        }
        args.update(overrides)
        return NatprojApp(**args)

    return build


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace the modal screens with stand-ins that answer at once with ``answers[name]``.

    The app reaches its dialogs through ``tui.app.screens``; tests set ``answers["InitiativePicker"]
    = "np.digital_economy"`` and so on, and read the arguments each dialog got in ``answers["calls"]``.
    """
    from textual.screen import ModalScreen

    import tui.app.screens as screens

    given: dict[str, Any] = {"calls": []}

    def stand_in(name: str) -> type:
        class Answer(ModalScreen[Any]):
            schema = None  # not the app's: where the app keeps a dialog, it builds a new one each time

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__()
                given["calls"].append((name, args, kwargs))

            def on_screen_resume(self) -> None:  # once shown (a kept dialog is not removed)
                self.dismiss(given.get(name))

        Answer.__name__ = name
        return Answer

    for name in ("InitiativePicker", "TargetForm", "NoteDialog", "ExportDialog", "ConfirmDialog"):
        monkeypatch.setattr(screens, name, stand_in(name), raising=False)
    return given


@pytest.fixture
def deny_reading(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """``deny_reading(path)``: opening ``path`` with ``os.open`` (as the loader reads files) fails as
    the kernel fails it for a file without read permission; other paths open as usual (root reads any
    file whatever its mode, so chmod alone proves nothing)."""
    import errno
    import os

    import tui.corpus.loader as loader_module

    real_open = os.open
    denied: set[Path] = set()

    def guarded(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(str(path)) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(loader_module.os, "open", guarded)
    return denied.add
