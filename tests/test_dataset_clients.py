"""The exports as real tools read them: spaCy, Hugging Face datasets, doccano's import format."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tui.corpus import open_corpus
from tui.dataset import write_export
from tui.dataset.fields import META_TYPES, RECORD_TYPES, SPAN_TYPES
from tui.store import Annotation, AnnotationStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CARD = Path(__file__).resolve().parents[1] / "annotations" / "README.md"


@pytest.fixture(scope="module")
def seeds():
    return open_corpus(SEEDS)


@pytest.fixture
def seed_store(tmp_path: Path, seeds):
    """Spans on whitespace-delimited words of every seed (with their punctuation, which export trims)."""
    with AnnotationStore(tmp_path / "db.json", annotator="alice") as store:
        for d_index, doc in enumerate(seeds.documents):
            words = [m.span() for m in re.finditer(r"\S+", doc.text)]
            for w in range(d_index % 3, len(words) - 3, 7):
                start, end = words[w][0], words[w + (w % 3)][1]
                label = "target" if w % 2 else "np.digital_economy"
                store.add(Annotation.anchored(doc.text, start, end, doc=doc.id, label=label,
                                              kind="target" if label == "target" else "initiative",
                                              attrs={"value": w, "deadline": 2024} if w % 4 == 1 else {}))
        yield store


def export_file(tmp_path: Path, fmt: str, corpus, store, **kw) -> Path:
    out = io.StringIO()
    assert write_export(out, fmt, corpus, store, **kw) > 0
    path = tmp_path / f"{fmt}.jsonl"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("unit", ["document", "passage"])
def test_spans_make_a_spacy_docbin(tmp_path: Path, seeds, seed_store, unit: str) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docbin = DocBin()
    n_spans = 0
    path = export_file(tmp_path, "spans", seeds, seed_store, unit=unit)
    for line in path.read_text(encoding="utf-8").split("\n")[:-1]:
        row = json.loads(line)
        doc = nlp.make_doc(row["text"])
        spans = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
                 for s in row["spans"]]
        bad = [s for s, sp in zip(row["spans"], spans, strict=True) if sp is None]
        assert not bad, bad[:3]
        doc.spans["sc"] = spans
        n_spans += len(spans)
        docbin.add(doc)
    docbin.to_disk(tmp_path / "train.spacy")
    back = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    assert sum(len(d.spans["sc"]) for d in back) == n_spans == seed_store.count()


def hf_features(types: dict):
    from datasets import Features, Value

    def convert(t):
        return {k: convert(v) for k, v in t.items()} if isinstance(t, dict) else Value(t)

    return Features({k: convert(v) for k, v in types.items()})


def test_records_and_spans_load_in_hugging_face_datasets(tmp_path: Path, seeds, seed_store,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    datasets = pytest.importorskip("datasets")
    from datasets import Value

    try:
        from datasets import List
    except ImportError:  # datasets < 4: a plain list keeps a list of dicts (Sequence would not)
        def List(feature):
            return [feature]

    cache = str(tmp_path / "cache")
    records = export_file(tmp_path, "records", seeds, seed_store)
    spans = export_file(tmp_path, "spans", seeds, seed_store, unit="passage")
    # inferred schema: one per file, no type conflicts between lines
    rec = datasets.load_dataset("json", data_files=str(records), split="train", cache_dir=cache)
    assert rec.num_rows == seed_store.count() and rec.column_names == list(RECORD_TYPES)
    assert rec.features["value"] == Value("float64") and rec.features["deadline"] == Value("int64")
    sp = datasets.load_dataset("json", data_files=str(spans), split="train", cache_dir=cache)
    assert sum(len(x) for x in sp["spans"]) == seed_store.count()
    # the Features the dataset card lists load the same files
    rec2 = datasets.load_dataset("json", data_files=str(records), split="train", cache_dir=cache,
                                 features=hf_features(RECORD_TYPES))
    assert rec2.num_rows == rec.num_rows
    # pyarrow reads "2024-02-06" as a timestamp: declared as date32 it keeps the day, not "… 00:00:00"
    dates = [json.loads(line)["date"] for line in records.read_text(encoding="utf-8").splitlines()]
    assert any(dates) and [d and d.isoformat() for d in rec2["date"]] == dates
    span_features = hf_features({"text": "string", "meta": META_TYPES, "answer": "string"})
    span_features["spans"] = List(hf_features(SPAN_TYPES))
    sp2 = datasets.load_dataset("json", data_files=str(spans), split="train", cache_dir=cache,
                                features=span_features)
    row = next(r for r in sp2 if r["spans"])
    first = row["spans"][0]
    assert row["text"][first["start"]:first["end"]] == first["text"]
    exported = json.loads(spans.read_text(encoding="utf-8").split("\n")[0])["meta"]["date"]
    assert exported and sp2[0]["meta"]["date"].isoformat() == exported


def test_doccano_lines_follow_the_sequence_labeling_import_format(tmp_path: Path, seeds, seed_store) -> None:
    # doccano's JSONL import for sequence labeling: a "text" column (non-empty), a "label" column of
    # [start_offset, end_offset, "LABEL"] with 0 <= start < end; every other column becomes metadata.
    path = export_file(tmp_path, "doccano", seeds, seed_store, unit="passage")
    n = 0
    with path.open(encoding="utf-8") as lines:  # as doccano reads it: text mode, a line at a time
        rows = [json.loads(line.rstrip()) for line in lines]
    for row in rows:
        assert set(row) == {"text", "label", "meta"}
        assert isinstance(row["text"], str) and row["text"]
        for item in row["label"]:
            start, end, label = item
            assert type(start) is int and type(end) is int and 0 <= start < end <= len(row["text"])
            assert isinstance(label, str) and label
            n += 1
    assert n == seed_store.count()


def test_dataset_card_lists_every_column() -> None:
    card = CARD.read_text(encoding="utf-8")
    for name in [*RECORD_TYPES, *SPAN_TYPES, *META_TYPES]:
        assert f"`{name}`" in card, name
    for tool in ("pandas", "load_dataset", "spacy.blank", "DocBin", "doccano", "Features"):
        assert tool in card, tool


def test_the_cards_code_runs_on_real_exports(tmp_path: Path, seeds, seed_store,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # every ```python block of the dataset card, in order, in one namespace, beside the files it names
    datasets = pytest.importorskip("datasets")
    pytest.importorskip("spacy")
    import functools

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setattr(datasets, "load_dataset",
                        functools.partial(datasets.load_dataset, cache_dir=str(tmp_path / "cache")))
    for fmt in ("records", "spans"):
        export_file(tmp_path, fmt, seeds, seed_store)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", CARD.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 4  # pandas, datasets, datasets with Features, spaCy
    ns: dict = {}
    for n, block in enumerate(blocks):
        exec(compile(block, f"{CARD}:python block {n + 1}", "exec"), ns)
        if n == 2:  # the Features version loaded both files with their declared types
            assert ns["records"].num_rows == seed_store.count()
            assert ns["records"].features["date"] == datasets.Value("date32")
            assert sum(len(x) for x in ns["spans"]["spans"]) == seed_store.count()
    assert len(ns["targets"]) == sum(1 for a in seed_store.all() if a.kind == "target")
    back = list(ns["DocBin"]().from_disk(tmp_path / "train.spacy").get_docs(ns["nlp"].vocab))
    assert sum(len(d.spans["sc"]) for d in back) == seed_store.count()
