"""Properties of the suggestion engine on any text: it never fails, spans are inside the text,
initiative spans never overlap, and every pre-fill has the form's keys with valid values."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus import prepare_document
from tui.figures.model import Figure
from tui.labels import load_labels
from tui.suggest import prefill_target, suggest_initiatives, suggest_targets

SCHEMA = load_labels(None)
PIECES = ["Digital Economy", " national project ", "«Цифровая экономика»", " нацпроекта ", "Internet Access",
          " 95% ", " by 2024", " к 2024 году ", " will ", " has reached ", "\n\n", ". ", "Ryazan region",
          "Рязанской области", " share of services ", " доля услуг ", "“", "”", " digital departments",
          "Экономика данных и цифровая трансформация государства", "ё", " ", "-", "42.5"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_initiative_spans_are_inside_sorted_and_disjoint(text: str) -> None:
    sugs = suggest_initiatives("d", text, SCHEMA)
    last = 0
    for s in sugs:
        assert last <= s.start < s.end <= len(text)
        assert s.label in SCHEMA and s.kind == "initiative"
        last = s.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.data())
def test_prefill_and_targets_never_fail(text: str, data: st.DataObject) -> None:
    figures = []
    pos = 0
    while (i := text.find("95%", pos)) >= 0:
        figures.append(Figure(i, i + 3, "95%", "percent", 95, "%"))
        pos = i + 3
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    got = prefill_target(text, start, end, figures, SCHEMA)
    assert got["status"] in ("goal", "achieved")
    assert got["deadline"] is None or 1900 <= got["deadline"] <= 2099
    assert got["initiative"] is None or got["initiative"] in SCHEMA
    doc = prepare_document("d", text)
    for s in suggest_targets(doc, [f for f in figures if f.end <= len(doc.text)
                                   and doc.text[f.start:f.end] == f.text], SCHEMA):
        assert 0 <= s.start < s.end <= len(doc.text) and s.attrs["value"] == 95
