"""Import: export -> import into an empty database -> export is identical; bad files import nothing."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dataset_helpers import add, make_corpus, write_corpus

from tui.cli import main
from tui.dataset import ImportFailed, apply_import, read_import, write_export
from tui.labels import load_labels
from tui.store import Annotation, AnnotationStore

CORPUS = make_corpus()
SCHEMA = load_labels(None)
LABELS = [lab.id for lab in SCHEMA.labels[:4]]
CASES = [("native", "document"), ("spans", "document"), ("spans", "passage"),
         ("doccano", "document"), ("doccano", "passage"), ("records", "document")]


def roundtrip(store: AnnotationStore, fmt: str, unit: str, folder: Path) -> tuple[str, str]:
    first = io.StringIO()
    write_export(first, fmt, CORPUS, store, unit=unit)
    path = folder / f"{fmt}-{unit}.jsonl"
    path.write_text(first.getvalue(), encoding="utf-8")
    import_fmt = "spans" if fmt == "records" else fmt  # records are not an import format
    if fmt == "records":
        return first.getvalue(), first.getvalue()
    plan = read_import(path, CORPUS, SCHEMA, fmt=import_fmt, annotator="importer")
    with AnnotationStore(folder / f"{fmt}-{unit}.db.json") as fresh:
        apply_import(plan, fresh)
        second = io.StringIO()
        write_export(second, fmt, CORPUS, fresh, unit=unit)
    return first.getvalue(), second.getvalue()


@pytest.mark.parametrize(("fmt", "unit"), [c for c in CASES if c[0] != "records"])
def test_export_import_export_is_identical(tmp_path: Path, fmt: str, unit: str) -> None:
    with AnnotationStore(tmp_path / "src.json") as s:
        add(s, CORPUS, "doc_a", "Digital Economy national project ", "np.digital_economy", note="n1")
        add(s, CORPUS, "doc_a", "95% of schools by 2024.", "target", attrs={"value": 95, "deadline": 2024})
        add(s, CORPUS, "doc_a", "Information Security federal project (IS)", "fp.de.security",
            annotator="bob")
        add(s, CORPUS, "doc_a", "Information Security federal project (IS)", "fp.de.security")
        add(s, CORPUS, "doc_b", "In Ryazan, 42.5 per cent of services are online.", "target", scope="passage")
        s.set_status("doc_b", "in_progress")
        first, second = roundtrip(s, fmt, unit, tmp_path)
    assert first.count("\n") >= 2 and "fp.de.security" in first
    assert first == second


annotation_specs = st.lists(
    st.tuples(
        st.sampled_from(sorted(CORPUS.documents, key=lambda d: d.id)),
        st.integers(0, 10_000), st.integers(1, 60),
        st.sampled_from([*LABELS, "target"]),
        st.sampled_from(["alice", "bob", ""]),
        st.sampled_from(["span", "passage"]),
        st.fixed_dictionaries({}, optional={
            "value": st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32)),
            "deadline": st.one_of(st.none(), st.integers(1990, 2100)),
            "metric": st.text(max_size=12),
            "unit": st.sampled_from(["%", "RUB", None]),
        }),
    ),
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=annotation_specs, statuses=st.dictionaries(st.sampled_from(["doc_a", "doc_b"]),
                                                        st.sampled_from(["done", "skipped", "in_progress"])))
def test_any_annotations_round_trip(specs: list, statuses: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with AnnotationStore(folder / "src.json") as s:
            for doc, start, length, label, annotator, scope, attrs in specs:
                start = start % len(doc.text)
                end = min(len(doc.text), start + length)
                if start == end:
                    continue
                kind = "target" if label == "target" else "initiative"
                s.add(Annotation.anchored(doc.text, start, end, doc=doc.id, kind=kind, label=label,
                                          scope=scope, attrs=attrs, annotator=annotator,
                                          doc_sha256=doc.sha256))
            for doc_id, status in statuses.items():
                s.set_status(doc_id, status)
            for fmt, unit in CASES:
                first, second = roundtrip(s, fmt, unit, folder)
                assert first == second, (fmt, unit)
                for line in first.split("\n")[:-1]:  # offsets hold in every format
                    row = json.loads(line)
                    if fmt == "spans":
                        assert all(row["text"][x["start"]:x["end"]] == x["text"] for x in row["spans"])
                    elif fmt == "doccano":
                        assert all(0 <= a < b <= len(row["text"]) for a, b, _ in row["label"])


# --- the command line: all or nothing, errors with line numbers -------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = write_corpus(tmp_path / "corpus")
    with AnnotationStore(tmp_path / "src.json") as s:
        add(s, make_corpus(), "doc_a", "Digital Economy national project", "np.digital_economy")
        add(s, make_corpus(), "doc_b", "42.5 per cent", "target", attrs={"value": 42.5})
    assert corpus.is_dir()
    return tmp_path


def cli(project: Path, command: str, *argv: str) -> int:
    return main([command, "--corpus", str(project / "corpus"), *argv])


@pytest.mark.parametrize("fmt", ["native", "spans", "doccano"])
def test_cli_round_trip(project: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    one, two = project / "one.jsonl", project / "two.jsonl"
    assert cli(project, "export", "--db", str(project / "src.json"), "--format", fmt, "-o", str(one)) == 0
    assert cli(project, "import", str(one), "--db", str(project / "new.json")) == 0
    assert cli(project, "export", "--db", str(project / "new.json"), "--format", fmt, "-o", str(two)) == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert "imported 2 annotations" in capsys.readouterr().err
    # importing the same file again doubles nothing
    assert cli(project, "import", str(one), "--db", str(project / "new.json")) == 0
    assert "imported 0 annotations" in capsys.readouterr().err


def test_cli_export_to_stdout(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(project, "export", "--db", str(project / "src.json"), "--format", "records", "-o", "-") == 0
    out = capsys.readouterr().out
    assert [json.loads(x)["text"] for x in out.split("\n")[:-1]] == ["Digital Economy national project",
                                                                  "42.5 per cent"]


def bad_file(project: Path) -> Path:
    one = project / "one.jsonl"
    assert cli(project, "export", "--db", str(project / "src.json"), "--format", "doccano",
               "--unit", "passage", "-o", str(one)) == 0
    rows = [json.loads(x) for x in one.read_text(encoding="utf-8").split("\n")[:-1]]
    labelled = [i for i, r in enumerate(rows) if r["label"]]
    assert len(labelled) == 2 and len(rows) >= 5
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    free = [i for i in range(len(rows)) if i not in labelled]
    lines[free[0]] = '{"text": "broken'
    rows[free[1]]["label"] = [[0, 10_000, "target"]]
    rows[free[2]]["label"] = [[0, 3, "np.no_such_label"]]
    lines[free[1]] = json.dumps(rows[free[1]], ensure_ascii=False)
    lines[free[2]] = json.dumps(rows[free[2]], ensure_ascii=False)
    bad = project / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad, free[:3]


def test_cli_bad_lines_are_reported_and_nothing_is_written(project: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad, where = bad_file(project)
    target = project / "target.json"
    assert cli(project, "import", str(bad), "--db", str(target)) == 1
    err = capsys.readouterr().err
    assert f"bad.jsonl:{where[0] + 1}: not valid JSON" in err
    assert f"bad.jsonl:{where[1] + 1}: offsets [0, 10000) are outside the text" in err
    assert f"bad.jsonl:{where[2] + 1}: unknown label 'np.no_such_label'" in err
    assert "nothing imported (3 bad lines)" in err
    assert "Traceback" not in err
    if target.exists():
        with AnnotationStore(target, read_only=True) as store:
            assert store.count() == 0


def test_span_text_must_match(tmp_path: Path) -> None:
    doc = CORPUS.get("doc_b")
    line = {"text": doc.text, "spans": [{"start": 0, "end": 8, "label": "target", "text": "Regional"},
                                        {"start": 0, "end": 8, "label": "target", "text": "Regionax"}]}
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as exc:
        read_import(path, CORPUS, SCHEMA)
    assert exc.value.problems[0].line == 1 and "does not match the text" in str(exc.value)


def test_text_found_without_meta(tmp_path: Path) -> None:
    doc = CORPUS.get("doc_b")
    start = doc.text.index("The target")
    sentence = doc.text[start:doc.text.index("2030") + 5]
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": sentence, "label": [[0, 10, "target"]]}) + "\n", encoding="utf-8")
    plan = read_import(path, CORPUS, SCHEMA)
    assert plan.format == "doccano"
    [ann] = plan.annotations
    assert (ann.doc, ann.start, ann.quote, ann.origin) == ("doc_b", start, "The target", "import")


def test_cli_progress_only_when_asked_or_on_a_terminal(project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = str(project / "src.json")
    assert cli(project, "export", "--db", db, "-o", str(project / "x.jsonl")) == 0
    assert "documents" not in capsys.readouterr().err  # stderr is not a terminal here
    assert cli(project, "export", "--db", db, "-o", str(project / "x.jsonl"), "--progress") == 0
    assert "export: 2/2 documents" in capsys.readouterr().err


def test_doccano_entities_export_is_read(tmp_path: Path) -> None:
    doc = CORPUS.get("doc_b")
    start = doc.text.index("Ryazan")
    row = {"id": 7, "text": doc.text, "entities": [
        {"id": 1, "label": "target", "start_offset": start, "end_offset": start + 6}], "relations": []}
    path = tmp_path / "e.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    [ann] = read_import(path, CORPUS, SCHEMA, annotator="carol").annotations
    assert (ann.quote, ann.annotator, ann.kind) == ("Ryazan", "carol", "target")
