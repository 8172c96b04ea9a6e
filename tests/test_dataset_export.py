"""Export formats: offsets that hold, one schema per line, filters, orphans, passages."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_corpus_index import make
from test_dataset_helpers import add, live_documents, make_corpus

from tui.cli import main
from tui.corpus import index as index_module
from tui.corpus import index_corpus, pipeline
from tui.dataset.export import export, write_export
from tui.dataset.fields import META_TYPES, RECORD_TYPES, SPAN_TYPES, iso_date
from tui.dataset.spans import _drop_first, _drop_last, trim_span
from tui.store import Annotation, AnnotationStore

PY_TYPES = {"string": str, "int64": int, "float64": float, "date32": str}  # a date is "YYYY-MM-DD"


@pytest.fixture
def corpus():
    return make_corpus()


@pytest.fixture
def store(tmp_path: Path, corpus):
    with AnnotationStore(tmp_path / "db.json", annotator="alice") as s:
        # trailing space and full stop on purpose: the export trims them
        add(s, corpus, "doc_a", "Digital Economy national project ", "np.digital_economy")
        add(s, corpus, "doc_a", "95% of schools by 2024.", "target",
            attrs={"metric": "schools connected", "value": 95, "unit": "%", "deadline": 2024,
                   "status": "goal"})
        add(s, corpus, "doc_a", "Information Security federal project (IS)", "fp.de.security",
            annotator="bob")
        add(s, corpus, "doc_a", "«Цифровая экономика»", "np.digital_economy")
        add(s, corpus, "doc_b", "70 per cent by 2030", "target", attrs={"value": "70", "deadline": "2030"})
        s.set_status("doc_a", "done")
        yield s


def lines(fmt: str, corpus, store, **kw) -> list[dict]:
    out = io.StringIO()
    n = write_export(out, fmt, corpus, store, **kw)
    rows = [json.loads(line) for line in out.getvalue().split("\n")[:-1]]
    assert n == len(rows)
    return rows


@pytest.mark.parametrize("unit", ["document", "passage"])
def test_spans_offsets_hold_and_are_trimmed(corpus, store, unit: str) -> None:
    rows = lines("spans", corpus, store, unit=unit)
    found = {}
    for row in rows:
        for span in row["spans"]:
            assert row["text"][span["start"]:span["end"]] == span["text"]
            doc_text = corpus.get(row["meta"]["doc"]).text
            offset = row["meta"]["offset"]
            assert doc_text[offset + span["start"]:offset + span["end"]] == span["text"]
            found[span["text"]] = span
    assert set(found) == {"Digital Economy national project", "95% of schools by 2024",
                          "Information Security federal project (IS)", "«Цифровая экономика»",
                          "70 per cent by 2030"}
    assert found["95% of schools by 2024"]["attrs"]["value"] == 95.0
    assert found["70 per cent by 2030"]["attrs"]["deadline"] == 2030


def test_passage_unit_gives_one_line_per_sentence(corpus, store) -> None:
    rows = lines("doccano", corpus, store, unit="passage")
    doc_b = [r for r in rows if r["meta"]["doc"] == "doc_b"]
    assert len(doc_b) == len(corpus.get("doc_b").sentences)
    for row in rows:
        assert row["text"] == row["text"].strip() and row["text"]
        for start, end, label in row["label"]:
            assert 0 <= start < end <= len(row["text"]) and label


def test_passage_joins_sentences_an_annotation_crosses(tmp_path: Path, corpus) -> None:
    with AnnotationStore(tmp_path / "x.json") as s:
        add(s, corpus, "doc_b", "online. The target", "target")
        rows = lines("spans", corpus, s, unit="passage")
    doc_b = [r for r in rows if r["meta"]["doc"] == "doc_b"]
    crossing = [r for r in doc_b if r["spans"]]
    assert len(crossing) == 1 and "online. The target" in crossing[0]["text"]
    assert len(doc_b) == len(corpus.get("doc_b").sentences) - 1


def test_every_line_has_the_same_keys_and_types(corpus, store) -> None:
    def check(value: object, dtype: object) -> None:
        if isinstance(dtype, dict):
            assert isinstance(value, dict) and set(value) == set(dtype)
            for k, t in dtype.items():
                check(value[k], t)
        else:
            assert value is None or isinstance(value, PY_TYPES[dtype]), (value, dtype)

    records = lines("records", corpus, store)
    assert len(records) == 5
    for row in records:
        assert list(row) == list(RECORD_TYPES)
        check(row, RECORD_TYPES)
    for row in lines("spans", corpus, store):
        assert list(row) == ["text", "spans", "meta", "answer"]
        check(row["meta"], META_TYPES)
        for span in row["spans"]:
            check(span, SPAN_TYPES)


def test_records_carry_the_sentence_as_context(corpus, store) -> None:
    row = next(r for r in lines("records", corpus, store) if r["label"] == "fp.de.security")
    start = row["start"] - row["context_start"]
    assert row["context"][start:start + len(row["text"])] == row["text"]
    assert row["context"].startswith("Officials said") and row["annotator"] == "bob"
    assert row["doc_status"] == "done"


def test_filters(corpus, store) -> None:
    assert {r["annotator"] for r in lines("records", corpus, store, annotator="bob")} == {"bob"}
    assert {r["kind"] for r in lines("records", corpus, store, kind="target")} == {"target"}
    assert {r["doc"] for r in lines("records", corpus, store, status="done")} == {"doc_a"}
    assert [r["meta"]["doc"] for r in lines("spans", corpus, store, status="done")] == ["doc_a"]


def test_orphans_and_missing_documents_are_counted_not_exported(tmp_path: Path, corpus) -> None:
    doc_b = corpus.get("doc_b")

    def record(phrase: str, **changes: object) -> Annotation:
        start = doc_b.text.index(phrase)
        fields = {"doc": "doc_b", "kind": "target", "label": "target", **changes}
        return Annotation.anchored(doc_b.text, start, start + len(phrase), **fields)

    with AnnotationStore(tmp_path / "o.json") as s:
        ok = s.add(record("42.5 per cent"))
        s.add(record("Ryazan", orphaned=True))
        stale = record("70 per cent")
        stale.quote = "71 per cent"  # the text changed under it and it was not re-anchored yet
        s.add(stale)
        s.add(record("services", doc="doc_gone"))
        out = io.StringIO()
        report = export(out, "records", corpus, s)
        assert [json.loads(x)["id"] for x in out.getvalue().split("\n")[:-1]] == [ok.id]
        assert report.skipped() == {"orphaned": 2, "missing document": 1}
        native = lines("native", corpus, s)
    assert len([r for r in native if r["record"] == "annotation"]) == 4  # native keeps everything


def test_native_is_sorted_and_reports_status(corpus, store) -> None:
    rows = lines("native", corpus, store)
    assert rows[0] == {"record": "document", "doc": "doc_a", "status": "done"}
    anns = [r for r in rows if r["record"] == "annotation"]
    keys = [(r["doc"], r["start"], r["end"], r["id"]) for r in anns]
    assert keys == sorted(keys) and len(anns) == 5


def test_progress_is_called_per_document(corpus, store) -> None:
    calls: list[tuple[int, int]] = []
    write_export(io.StringIO(), "spans", corpus, store, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 2), (2, 2)]


@pytest.mark.parametrize(("text", "expected"), [
    ("  the project. ", "the project"),
    ("(IS)", "(IS)"),
    ("project (IS", "project (IS"),
    ("«Цифровая экономика»,", "«Цифровая экономика»"),
    ("«Цифровая экономика", "Цифровая экономика"),
    ("95%.", "95%"),
    ("...", ""),
])
def test_trim_span(text: str, expected: str) -> None:
    start, end = trim_span(text, 0, len(text))
    assert text[start:end] == expected


_LEAD = re.compile(r"[\s.,;:!?…]*")
_TRAIL = re.compile(r"[\s.,;:!?…]*\Z")


def _trim_on_copies(text: str, start: int, end: int) -> tuple[int, int]:
    """trim_span's rules written another way, on copies of the span: strip the run of spaces and
    sentence punctuation at each end, drop an unpartnered quote or bracket at each end, again
    until nothing changes."""
    span, at = text[start:end], start
    while True:
        before = (at, span)
        lead = _LEAD.match(span).end()
        span, at = span[lead:], at + lead
        span = span[:_TRAIL.search(span).start()]
        if span and _drop_first(span):
            span, at = span[1:], at + 1
        if span and _drop_last(span):
            span = span[:-1]
        if (at, span) == before:
            return at, at + len(span)


@given(st.text(alphabet="ab .,;()[]{}«»“”„‘’\"'", max_size=14), st.data())
def test_trim_span_keeps_its_rules(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert trim_span(text, start, end) == _trim_on_copies(text, start, end)


def test_unknown_format_is_refused(corpus, store) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        write_export(io.StringIO(), "csv", corpus, store)


@pytest.mark.parametrize(("given", "exported"), [
    ("2024-02-06", "2024-02-06"), ("2024-02-30", None), ("2024-W06-2", None), ("2024-2-6", None),
    ("", None), (None, None),
])
def test_dates_are_exported_only_as_real_calendar_days(given: str | None, exported: str | None) -> None:
    # one odd string in the column would stop Hugging Face datasets loading it as date32
    assert iso_date(given) == exported


def test_a_shifted_quote_is_exported_where_it_is_now_and_the_database_is_left_alone(
        tmp_path: Path, corpus) -> None:
    # the file was edited (a sentence added in front) after these were made, and the app has not
    # re-anchored them yet: export finds the quote again; a quote that is gone stays left out
    doc_b = corpus.get("doc_b")
    older = doc_b.text.replace("In Ryazan, ", "")
    start = older.index("70 per cent")
    gone_at = older.index("services")
    with AnnotationStore(tmp_path / "s.json") as s:
        moved = s.add(Annotation.anchored(older, start, start + 11, doc="doc_b", kind="target",
                                          label="target"))
        s.add(Annotation.anchored(older.replace("services", "offices"), gone_at, gone_at + 7, doc="doc_b",
                                  kind="target", label="target"))
        before = (tmp_path / "s.json").read_bytes(), (tmp_path / "s.json.journal").read_bytes()
        out = io.StringIO()
        report = export(out, "records", corpus, s)
        after = (tmp_path / "s.json").read_bytes(), (tmp_path / "s.json.journal").read_bytes()
    rows = [json.loads(x) for x in out.getvalue().split("\n")[:-1]]
    assert [(r["id"], r["text"]) for r in rows] == [(moved.id, "70 per cent")]
    assert doc_b.text[rows[0]["start"]:rows[0]["end"]] == "70 per cent" and rows[0]["start"] != start
    assert report.reanchored == 1 and report.skipped() == {"orphaned": 1}
    assert before == after


@pytest.mark.parametrize("fmt", ["native", "records", "spans", "doccano"])
def test_every_kind_of_stream_gets_the_same_lines(tmp_path: Path, corpus, store, fmt: str) -> None:
    text = io.StringIO()  # no byte buffer: gets text
    write_export(text, fmt, corpus, store)
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as fh:  # a UTF-8 file: gets orjson's bytes
        fh.write("# before\n")  # text the stream held before the export stays in front of it
        write_export(fh, fmt, corpus, store)
    raw = io.BytesIO()
    narrow = io.TextIOWrapper(raw, encoding="cp1251", errors="replace", newline="\n")  # gets text, encoded
    write_export(narrow, fmt, corpus, store)
    narrow.flush()
    assert path.read_text(encoding="utf-8") == "# before\n" + text.getvalue()
    assert raw.getvalue() == text.getvalue().encode("cp1251", errors="replace")
    assert "Цифровая" in text.getvalue()  # Russian, which the two encodings write differently


@pytest.mark.parametrize("fmt", ["spans", "records"])
def test_the_export_command_holds_a_document_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      fmt: str) -> None:
    # "the batch commands stream": the whole corpus was once prepared and kept before the first line
    root = make(tmp_path / "corpus", 30)
    db = tmp_path / "db.json"
    with AnnotationStore(db, annotator="alice") as s:
        s.add(Annotation(doc="doc029", kind="initiative", label="np.digital_economy", start=0, end=8,
                         quote="Headline", scope="span"))
    made, alive_at_call = live_documents(monkeypatch, pipeline)
    out = tmp_path / "out.jsonl"
    assert main(["export", "--corpus", str(root), "--db", str(db), "--format", fmt, "-o", str(out)]) == 0
    assert len(made) == 30 and max(alive_at_call) <= 2
    assert '"Headline"' in out.read_text(encoding="utf-8")


def test_an_export_over_a_lazy_corpus_prepares_each_document_once(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = index_corpus(make(tmp_path / "corpus", index_module.LRU_SIZE + 6), cache=False)
    with AnnotationStore(tmp_path / "db.json", annotator="alice") as s:
        s.add(Annotation(doc="doc001", kind="initiative", label="np.digital_economy", start=0, end=8,
                         quote="Headline", scope="span"))
        s.add(Annotation(doc="gone", kind="initiative", label="np.digital_economy", start=0, end=3,
                         quote="abc", scope="span"))
        made, _ = live_documents(monkeypatch, index_module)
        report = export(io.StringIO(), "spans", lazy, s)
    assert len(made) == len(lazy.ids()) and report.lines == len(lazy.ids())
    assert report.missing_document == 1 and report.annotations == 1
