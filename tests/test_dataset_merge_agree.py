"""Merge of annotators' databases, agreement figures and counts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_corpus_index import make
from test_dataset_helpers import add, live_documents, make_corpus, write_corpus

from tui.cli import main
from tui.corpus import Corpus, index_corpus, pipeline, prepare_document
from tui.corpus import index as index_module
from tui.dataset import cohen_kappa, compare, compute_stats, merge_annotations
from tui.dataset.agreement import prf
from tui.store import Annotation, AnnotationStore

CORPUS = make_corpus()


def ann(doc: str, label: str, start: int, end: int, annotator: str = "a", updated: str = "2026-01-01",
        **kw: object) -> Annotation:
    return Annotation(doc=doc, kind="target" if label == "target" else "initiative", label=label,
                      start=start, end=end, quote="", annotator=annotator, created="2026-01-01",
                      updated=updated, **kw)


def test_merge_joins_duplicates_and_keeps_annotators() -> None:
    old = ann("d", "x", 0, 5, "alice", updated="2026-01-01", note="old")
    new = ann("d", "x", 0, 5, "alice", updated="2026-02-01", note="new")
    bob = ann("d", "x", 0, 5, "bob")
    edited = replace(bob, updated="2026-03-01", note="edited")  # same id, edited later in a copy
    merged, joined = merge_annotations([[old, bob], [new, edited, old]])
    assert joined == 3
    assert sorted((m.annotator, m.note) for m in merged) == [("alice", "new"), ("bob", "edited")]


def test_kappa_known_values() -> None:
    # 2x2 table: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> po=.7, pe=.5, kappa=.4
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(["x", "y"], ["x", "y"]) == pytest.approx(1.0)
    assert cohen_kappa(["none"] * 4, ["none"] * 4) is None  # one category only: undefined, no crash
    assert cohen_kappa([], []) is None


def test_prf_edge_cases() -> None:
    assert prf(0, 0, 0, 0) == (None, None, None)
    assert prf(0, 0, 3, 0) == (None, 0.0, 0.0)
    assert prf(0, 0, 3, 2) == (0.0, 0.0, 0.0)
    p, r, f = prf(1, 1, 2, 1)
    assert (p, r) == (1.0, 0.5) and f == pytest.approx(2 / 3)


def test_compare_spans_exact_and_overlap() -> None:
    text = "One two three. Four five six. Seven eight nine."
    corpus = Corpus([prepare_document("d", text)])
    doc = corpus.documents[0]
    assert len(doc.sentences) == 3

    def at(phrase: str, label: str, who: str) -> Annotation:
        i = text.index(phrase)
        return Annotation.anchored(text, i, i + len(phrase), doc="d", kind="initiative", label=label,
                                   annotator=who)

    a = [at("two three", "p", "A"), at("Seven eight", "q", "A")]
    b = [at("two three.", "p", "B"), at("eight nine", "q", "B"), at("Four", "p", "B")]
    result = compare(corpus, a, b)
    assert result.documents == 1 and result.passages == 3
    p, q, total = result.spans["p"], result.spans["q"], result.spans["(all)"]
    assert (p.exact, p.exact_p, p.exact_r) == (1, 0.5, 1.0)  # the trailing "." is trimmed first
    assert (q.exact, q.overlap_p, q.overlap_r, q.overlap_f1) == (0, 1.0, 1.0, 1.0)
    assert (total.a, total.b, total.exact) == (2, 3, 1)
    # passages: A = {p}, {}, {q}; B = {p}, {p}, {q} -> label sets agree on 2 of 3
    assert result.kappa_by_label["q"] == pytest.approx(1.0)
    assert result.kappa == pytest.approx(cohen_kappa(["p", "none", "q"], ["p", "p", "q"]))


def test_compare_without_shared_documents_divides_by_nothing() -> None:
    result = compare(CORPUS, [ann("doc_a", "x", 0, 3)], [ann("doc_b", "x", 0, 3)])
    assert result.documents == 0 and result.kappa is None
    assert result.spans["(all)"].exact_f1 is None


def test_stats(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "s.json") as s:
        add(s, CORPUS, "doc_a", "95% of schools", "target", attrs={"deadline": 2024})
        add(s, CORPUS, "doc_b", "70 per cent", "target", attrs={"deadline": 2030}, annotator="bob")
        add(s, CORPUS, "doc_b", "42.5 per cent", "target")
        add(s, CORPUS, "doc_a", "Digital Economy national project", "np.digital_economy")
        s.set_status("doc_a", "done")
        stats = compute_stats(s, CORPUS)
    assert stats.total == 4
    assert stats.per_kind == {"target": 3, "initiative": 1}
    assert stats.per_label == {"target": 3, "np.digital_economy": 1}
    assert stats.per_annotator == {"alice": 3, "bob": 1}
    assert stats.per_status == {"done": 1, "todo": 1}
    assert stats.targets_by_deadline == {"2024": 1, "2030": 1, "none": 1}


@pytest.fixture
def two_annotators(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "corpus")
    with AnnotationStore(tmp_path / "a.json") as s:
        add(s, CORPUS, "doc_a", "Digital Economy national project", "np.digital_economy", annotator="alice")
        add(s, CORPUS, "doc_b", "42.5 per cent", "target", annotator="alice")
    with AnnotationStore(tmp_path / "b.json") as s:
        add(s, CORPUS, "doc_a", "Digital Economy national project", "np.digital_economy", annotator="bob")
        add(s, CORPUS, "doc_b", "70 per cent", "target", annotator="bob")
    return tmp_path


def test_cli_merge_agree_stats(two_annotators: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = two_annotators
    corpus = ["--corpus", str(t / "corpus")]
    inputs = [str(t / "a.json"), str(t / "b.json"), str(t / "a.json")]
    assert main(["merge", *inputs, "-o", str(t / "m.json")]) == 0
    assert "4 annotations (2 duplicates joined)" in capsys.readouterr().err
    assert main(["merge", str(t / "a.json"), "-o", str(t / "m.json")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["stats", "--db", str(t / "m.json"), *corpus, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["per_annotator"] == {"alice": 2, "bob": 2} and stats["total"] == 4
    assert main(["agree", str(t / "a.json"), str(t / "b.json"), *corpus, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["spans"]["np.digital_economy"]["exact_f1"] == 1.0
    assert result["spans"]["target"]["exact_f1"] == 0.0
    assert main(["agree", str(t / "m.json"), "--pair", "alice", "bob", *corpus, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == result
    assert main(["agree", str(t / "a.json"), str(t / "b.json"), *corpus]) == 0
    table = capsys.readouterr().out
    assert "np.digital_economy" in table and "exact F1" in table and "kappa" in table


def test_stats_agree_and_import_prepare_only_the_documents_they_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # all three once read and cleaned the whole corpus: 14 s for stats on 10,000 documents
    root = make(tmp_path / "corpus", 30)
    index_corpus(root)  # the app has listed this corpus, so the metadata cache knows it
    dbs = [tmp_path / "a.json", tmp_path / "b.json"]
    for db, who in zip(dbs, ("alice", "bob"), strict=True):
        with AnnotationStore(db, annotator=who) as s:
            s.add(Annotation(doc="doc007", kind="initiative", label="np.digital_economy", start=0, end=8,
                             quote="Headline", scope="span"))
    made = [live_documents(monkeypatch, module)[0] for module in (pipeline, index_module)]
    assert main(["stats", "--db", str(dbs[0]), "--corpus", str(root), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 30
    assert made == [[], []]
    assert main(["agree", *map(str, dbs), "--corpus", str(root), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 1 and result["spans"]["np.digital_economy"]["exact_f1"] == 1.0
    assert sum(map(len, made)) == 1
    native = tmp_path / "a.jsonl"
    assert main(["export", "--db", str(dbs[0]), "--format", "native", "-o", str(native)]) == 0
    for m in made:
        m.clear()
    target = tmp_path / "c.json"
    assert main(["import", str(native), "--db", str(target), "--corpus", str(root)]) == 0
    assert sum(map(len, made)) == 1  # the one document the file names, for its offsets' check
    with AnnotationStore(target, annotator="carol") as s:
        assert [a.quote for a in s.all()] == ["Headline"]


def test_an_import_prepares_each_document_it_names_once_in_any_line_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path / "corpus", 12)
    index_corpus(root)
    src = tmp_path / "src.json"
    with AnnotationStore(src, annotator="alice") as s:
        s.add_many([Annotation(doc=f"doc{i:03d}", kind="initiative", label="np.digital_economy", start=start,
                               end=end, quote=quote, scope="span")
                    for i in range(8) for start, end, quote in ((0, 8, "Headline"), (9, 15, "number"))])
    native = tmp_path / "src.jsonl"
    assert main(["export", "--db", str(src), "--format", "native", "-o", str(native)]) == 0
    # the lines from document to document and back, more documents than a lazy corpus keeps
    lines = sorted(native.read_text(encoding="utf-8").splitlines(), key=lambda x: json.loads(x)["start"])
    native.write_text("\n".join(lines) + "\n", encoding="utf-8")
    made = [live_documents(monkeypatch, module)[0] for module in (pipeline, index_module)]
    assert main(["import", str(native), "--db", str(tmp_path / "dst.json"), "--corpus", str(root)]) == 0
    assert sum(map(len, made)) == 8

