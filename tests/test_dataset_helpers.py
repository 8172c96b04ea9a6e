"""Shared builders for the dataset tests (no tests here): a tiny corpus and known annotations."""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest

from tui.corpus import Corpus, prepare_document
from tui.store import Annotation, AnnotationStore

TEXTS = {
    "doc_a": ("Digital Economy news\n\n"
              "The Digital Economy national project will connect 95% of schools by 2024. "
              "Officials said the Information Security federal project (IS) is on track.\n\n"
              "About 115 million records are registered. «Цифровая экономика» is funded."),
    "doc_b": ("Regional report\n\n"
              "In Ryazan, 42.5 per cent of services are online. The target is 70 per cent by 2030."),
}


def make_corpus() -> Corpus:
    return Corpus([prepare_document(doc_id, text) for doc_id, text in TEXTS.items()])


def span_of(corpus: Corpus, doc_id: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    text = corpus.get(doc_id).text  # type: ignore[union-attr]
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def add(store: AnnotationStore, corpus: Corpus, doc_id: str, phrase: str, label: str, *,
        annotator: str = "alice", attrs: dict | None = None, scope: str = "span", nth: int = 0,
        **fields: object) -> Annotation:
    doc = corpus.get(doc_id)
    assert doc is not None
    start, end = span_of(corpus, doc_id, phrase, nth)
    kind = "target" if label == "target" else "initiative"
    ann = Annotation.anchored(doc.text, start, end, doc=doc_id, kind=kind, label=label, scope=scope,
                              attrs=attrs or {}, annotator=annotator, doc_sha256=doc.sha256, **fields)
    return store.add(ann)


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in TEXTS.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


def live_documents(monkeypatch: pytest.MonkeyPatch, module: object) -> tuple[list, list[int]]:
    """Wraps ``module.prepare_document``: every document it makes is tracked, and each call notes
    how many of the earlier ones are still alive."""
    made: list[weakref.ref] = []
    alive_at_call: list[int] = []
    prepare = module.prepare_document  # type: ignore[attr-defined]

    def tracked(*args: object, **kwargs: object) -> object:
        alive_at_call.append(sum(r() is not None for r in made))
        doc = prepare(*args, **kwargs)
        made.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(module, "prepare_document", tracked)
    return made, alive_at_call
