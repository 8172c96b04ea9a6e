"""Target candidates and the target form's pre-fill: value, deadline, status, region, metric and
initiative, in English and Russian, with hand-built figures (independent of the figure detector),
then measured against the gold targets of the seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tui.corpus import open_corpus, prepare_document
from tui.figures import find_figures
from tui.figures.model import Figure
from tui.figures.scoring import gold_figures
from tui.labels import LabelSchema, load_labels
from tui.suggest import Suggestion, prefill_target, suggest_targets
from tui.suggest.passages import paragraph_bounds, sentence_bounds

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "eval" / "seeds-gold.jsonl"
KEYS = {"metric", "value", "unit", "qualifier", "deadline", "baseline", "region", "status", "initiative"}


@pytest.fixture(scope="module")
def schema() -> LabelSchema:
    return load_labels(None)


def fig(text: str, token: str, kind: str, value: float | None, unit: str | None = None,
        qualifier: str | None = None, *, nth: int = 0, low: float | None = None,
        high: float | None = None) -> Figure:
    starts = [m.start() for m in re.finditer(re.escape(token), text)]
    s = starts[nth]
    return Figure(s, s + len(token), token, kind, value, unit, qualifier, low, high)


def prefill_at(text: str, figures: list[Figure], schema: LabelSchema, which: int = 0) -> dict[str, Any]:
    f = figures[which]
    got = prefill_target(text, f.start, f.end, figures, schema)
    assert set(got) == KEYS
    return got


@pytest.mark.parametrize(("text", "token", "kind", "value", "unit", "deadline", "status"), [
    ("The share of services online will reach 95% by 2024.", "95%", "percent", 95, "%", 2024, "goal"),
    ("By the end of 2021, 998 objects will be connected.", "998", "number", 998, "objects", 2021, "goal"),
    ("Tatarstan plans to raise it to 70 per cent as early as 2022.", "70 per cent", "percent", 70, "%", 2022,
     "goal"),
    ("The region plans to reach 70 per cent in 2022.", "70 per cent", "percent", 70, "%", 2022, "goal"),
    ("In 2019, the share was 40 per cent.", "40 per cent", "percent", 40, "%", None, "achieved"),
    ("The share of services online has reached 42.5 per cent.", "42.5 per cent", "percent", 42.5, "%", None,
     "achieved"),
    ("Over 86,000 young people have obtained IT qualifications.", "86,000", "number", 86000, "people", None,
     "achieved"),
    ("About 115 million records are registered on the portal.", "115 million", "number", 115_000_000,
     "records", None, "achieved"),
    ("Until 2030, the coverage must grow to 97%.", "97%", "percent", 97, "%", 2030, "goal"),
    ("К 2024 году доля услуг в электронном виде составит 95%.", "95%", "percent", 95, "%", 2024, "goal"),
    ("До 2030 года будет подключено 1000 школ.", "1000", "number", 1000, "школ", 2030, "goal"),
    ("В 2023 году доля услуг онлайн составила 60%.", "60%", "percent", 60, "%", None, "achieved"),
    ("Уже сегодня 96 услуг доступны в электронном виде.", "96", "number", 96, "услуг", None, "achieved"),
    ("Регион должен обеспечить охват 97% домохозяйств в 2025 году.", "97%", "percent", 97, "%", 2025, "goal"),
])
def test_deadline_and_status(text: str, token: str, kind: str, value: float, unit: str | None,
                             deadline: int | None, status: str, schema: LabelSchema) -> None:
    got = prefill_at(text, [fig(text, token, kind, value, unit)], schema)
    assert (got["value"], got["unit"], got["deadline"], got["status"]) == (value, unit, deadline, status)


@pytest.mark.parametrize(("text", "token", "kind", "value", "region"), [
    ("In the Ryazan region, 96 services are online.", "96", "number", 96, "Ryazan Oblast"),
    ("В Рязанской области 96 услуг доступны онлайн.", "96", "number", 96, "Ryazan Oblast"),
    ("Республика Татарстан подключила 300 школ.", "300", "number", 300, "Tatarstan"),
    ("В Москве 80% услуг доступны онлайн.", "80%", "percent", 80, "Moscow"),
    ("Nationwide, 93 percent of communities have LTE.", "93 percent", "percent", 93, None),
])
def test_region_in_the_sentence(text: str, token: str, kind: str, value: float, region: str | None,
                                schema: LabelSchema) -> None:
    assert prefill_at(text, [fig(text, token, kind, value)], schema)["region"] == region


def test_region_falls_back_to_the_paragraph_and_document_but_not_for_a_federal_project(
        schema: LabelSchema) -> None:
    text = ("Lyubimov: the Ryazan region will become a digital region\n\n"
            "The Governor noted the goals. The share of services online must reach up to 95%.\n\n"
            "The Digital Public Administration federal project aims at 100 per cent by 2024.")
    figs = [fig(text, "95%", "percent", 95, "%", "up_to"), fig(text, "100 per cent", "percent", 100, "%")]
    first = prefill_at(text, figs, schema, 0)
    assert first["region"] == "Ryazan Oblast" and first["qualifier"] == "up_to"
    second = prefill_at(text, figs, schema, 1)
    assert second["region"] is None and second["initiative"] == "fp.de.public_administration"
    assert second["deadline"] == 2024 and second["status"] == "goal"


@pytest.mark.parametrize(("text", "token", "kind", "value", "unit", "metric"), [
    ("For example, 93 percent of communities with population over 2,000 people have access to LTE.",
     "93 percent", "percent", 93, "%", "share of communities with population over 2,000 people"),
    ("About 115 million records are registered on the government services website.", "115 million",
     "number", 115_000_000, None, "records registered on the government services website"),
    ("In the region it will be necessary (up to 95%) to increase the share of services available in "
     "electronic form.", "95%", "percent", 95, "%", "share of services available in electronic form"),
    ("Khayrullin said that today the share of services available online is already 42.5 per cent.",
     "42.5 per cent", "percent", 42.5, "%", "share of services available online"),
    ("and the interaction of citizens with the state is 70 per cent in e-form.", "70 per cent", "percent",
     70, "%", "share of interaction of citizens with the state"),
    ("Доля социально значимых услуг в электронном виде составит 95%.", "95%", "percent", 95, "%",
     "доля социально значимых услуг в электронном виде"),
    ("К 2030 году 97% домохозяйств получат доступ к интернету.", "97%", "percent", 97, "%",
     "доля домохозяйств получат доступ к интернету"),
])
def test_metric_phrase(text: str, token: str, kind: str, value: float, unit: str | None, metric: str,
                       schema: LabelSchema) -> None:
    assert prefill_at(text, [fig(text, token, kind, value, unit)], schema)["metric"] == metric


def test_a_range_gives_baseline_and_value(schema: LabelSchema) -> None:
    text = "The share will grow from 42.5 to 70 per cent by 2024."
    f = fig(text, "from 42.5 to 70 per cent", "range", None, "%", low=42.5, high=70)
    got = prefill_at(text, [f], schema)
    assert (got["baseline"], got["value"], got["deadline"], got["status"]) == (42.5, 70, 2024, "goal")


def test_a_span_without_a_figure_uses_the_nearest_one_in_its_sentence(schema: LabelSchema) -> None:
    text = "Intro line.\n\nThe Digital Economy national project will connect 998 objects by 2021. Next one."
    figs = [fig(text, "998", "number", 998), fig(text, "2021", "year", 2021)]
    s = text.index("connect")
    got = prefill_target(text, s, s + len("connect"), figs, schema)
    assert got["value"] == 998 and got["deadline"] == 2021 and got["initiative"] == "np.digital_economy"
    nothing = prefill_target(text, 0, 5, figs, schema)
    assert nothing["value"] is None and set(nothing) == KEYS


def test_sentence_and_paragraph_bounds() -> None:
    text = "Title line\n\nIt is 42.5 per cent. Next sentence here.\nOther para."
    i = text.index("42.5")
    assert text[slice(*sentence_bounds(text, i))] == "It is 42.5 per cent."
    assert text[slice(*paragraph_bounds(text, i))] == "It is 42.5 per cent. Next sentence here.\nOther para."
    j = text.index("Title")
    assert text[slice(*sentence_bounds(text, j))] == "Title line"


def _targets(text: str, figures: list[Figure], schema: LabelSchema) -> list[Suggestion]:
    doc = prepare_document("t", text)
    assert doc.text == text
    return suggest_targets(doc, figures, schema)


def test_one_candidate_per_kpi_figure_with_distinct_keys(schema: LabelSchema) -> None:
    text = ("Intro.\n\nIn addition, 30 advanced engineering schools have been created, and another 20 have "
            "been selected. Five strategic initiatives are focused on it. The plan runs in 2024 and "
            "covers 93 percent of communities with population over 2,000 people.")
    figs = sorted([fig(text, "30", "number", 30), fig(text, "20", "number", 20),
                   fig(text, "Five", "number", 5), fig(text, "2024", "year", 2024),
                   fig(text, "93 percent", "percent", 93, "%"), fig(text, "2,000", "number", 2000)],
                  key=lambda f: f.start)
    sugs = _targets(text, figs, schema)
    values = [s.attrs["value"] for s in sugs]
    assert values == [30, 20, 93]  # not "Five", not the year, not the 2,000 inside the metric
    assert len({s.key for s in sugs}) == 3
    for s in sugs:
        assert s.kind == "target" and s.label == "target" and set(s.attrs) == KEYS
        assert 0 <= s.start < s.end <= len(text)
    first = sugs[0]
    assert text[first.start:first.end].startswith("30 advanced engineering schools")
    assert first.attrs["status"] == "achieved"
    assert first.attrs["initiative"] == "si.advanced_engineering_schools"


def test_a_detector_that_calls_a_year_a_number_does_not_make_a_target(schema: LabelSchema) -> None:
    text = "Regional centres will open in 2021. В 2022 году их станет больше."
    figs = [fig(text, "2021", "number", 2021), fig(text, "2022", "number", 2022)]
    assert _targets(text, figs, schema) == []


def _gold_docs() -> list[tuple[Any, dict[str, Any]]]:
    corpus = open_corpus(ROOT / "seeds")
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        doc = corpus.get(g["id"])
        assert doc is not None
        out.append((doc, g))
    return out


def score(schema: LabelSchema, figures_of: Any) -> dict[str, float]:
    """Candidate recall of the gold targets (a candidate's span holds the gold figure), and the
    share of recalled targets whose value, deadline, status, region and initiative are right."""
    by_name = {lab.name: lab.id for lab in schema.labels}
    n = hit = cands = 0
    right = dict.fromkeys(("value", "unit", "deadline", "status", "region", "initiative"), 0)
    for doc, g in _gold_docs():
        sugs = suggest_targets(doc, figures_of(doc, g), schema)
        cands += len(sugs)
        for t in g["targets"]:
            n += 1
            at = doc.offsets.to_clean(t["figure_start"])
            over = sorted((s for s in sugs if s.start <= at < s.end),
                          key=lambda s: (s.attrs["value"] != t["value"], s.end - s.start))
            if not over:
                continue
            hit += 1
            a = over[0].attrs
            want = {"value": t["value"], "unit": t["unit"], "deadline": t["deadline"], "status": t["status"],
                    "region": t.get("region"), "initiative": by_name.get(t.get("initiative") or "")}
            for k in right:
                right[k] += a[k] == want[k]
    shares = {k: v / max(hit, 1) for k, v in right.items()}
    return {"recall": hit / n, "precision": hit / max(cands, 1), **shares}


def test_gold_targets_withgold_figures(schema: LabelSchema) -> None:
    """The suggestion engine alone: the figures are the gold ones. Measured: recall 1.00, precision
    1.00, value/deadline/status/region 1.00, unit 0.95, initiative 0.89 (19 targets)."""
    got = score(schema, gold_figures)
    assert got["recall"] >= 0.95 and got["precision"] >= 0.9, got
    assert min(got["value"], got["unit"], got["deadline"], got["status"], got["region"]) >= 0.9, got
    assert got["initiative"] >= 0.8, got


def test_gold_targets_with_the_real_figure_detector(schema: LabelSchema) -> None:
    """End to end with tui.figures.find_figures; values depend on the detector, so only where the
    candidates are and the attributes this engine decides are held to a bar here."""
    got = score(schema, lambda doc, g: find_figures(doc.text, doc.lang))
    assert got["recall"] >= 0.85, got
    assert min(got["deadline"], got["status"], got["region"]) >= 0.85, got


def test_money_and_a_passive_verb(schema: LabelSchema) -> None:
    text = "Over 1.6 trillion rubles will be allocated for the national project until 2030."
    got = prefill_at(text, [fig(text, "1.6 trillion rubles", "money", 1.6e12, "RUB", "over")], schema)
    assert (got["value"], got["unit"], got["qualifier"]) == (1.6e12, "RUB", "over")
    assert (got["deadline"], got["status"]) == (2030, "goal")
    assert got["metric"] == "allocated for the national project"


@pytest.mark.parametrize(("text", "token", "value", "unit"), [
    ("About 115 million records are registered on the portal.", "115 million", 115_000_000, "records"),
    ("Over 86,000 young people have obtained IT qualifications.", "86,000", 86000, "people"),
    ("Last year, over 100,000 schoolchildren completed courses.", "100,000", 100000, "schoolchildren"),
    ("30 advanced engineering schools have been created.", "30", 30, "schools"),
    ("Residents can receive 96 regional and municipal services.", "96", 96, "services"),
    ("Three quarters of all notifications are sent online.", "Three quarters", 0.75, "share"),
    ("В регионе доступно 96 услуг в электронном виде.", "96", 96, "услуг"),
    ("The total reached 5,000 in March.", "5,000", 5000, None),
    ("It has 40 Offices.", "40", 40, None),
])
def test_a_bare_number_takes_the_noun_it_counts_as_unit(text: str, token: str, value: float, unit: str | None,
                                                         schema: LabelSchema) -> None:
    assert prefill_at(text, [fig(text, token, "number", value)], schema)["unit"] == unit
