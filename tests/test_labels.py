"""The label schema: the packaged tree, and one clear line naming file and line for every broken file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.labels import LEVELS, TARGET_COLOR, Label, LabelSchema, LabelSchemaError, load_labels, parse_labels

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "eval" / "seeds-gold.jsonl"

GOOD = """\
version = 1

[[label]]
id = "np.a"
name = "A"
key = "1"

[[label]]
id = "fp.a.b"
name = "B"
parent = "np.a"
"""


def error(text: str, tmp_path: Path) -> LabelSchemaError:
    path = tmp_path / "labels.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LabelSchemaError) as info:
        load_labels(path)
    msg = str(info.value)
    assert msg.startswith(f"{path}:") and "\n" not in msg, msg
    return info.value


def test_packaged_and_dataset_schema_files_are_the_same_bytes() -> None:
    packaged = (ROOT / "tui" / "data" / "labels.toml").read_bytes()
    assert packaged == (ROOT / "annotations" / "labels.toml").read_bytes()


def test_default_schema_is_a_tree_of_the_national_projects() -> None:
    schema = load_labels(None)
    assert {"np.digital_economy", "np.data_economy"} <= {lab.id for lab in schema.roots()}
    de = {lab.id for lab in schema.children("np.digital_economy")}
    assert {"fp.de.infrastructure", "fp.de.public_administration", "fp.de.human_resources",
            "fp.de.security", "fp.de.technologies", "fp.de.regulation", "fp.de.ai"} <= de
    dx = {lab.id for lab in schema.children("np.data_economy")}
    assert {"fp.dx.internet_access", "fp.dx.platforms", "fp.dx.data_infrastructure"} <= dx
    for lab in schema.labels:
        assert lab.level in LEVELS
        names = lab.all_aliases
        assert any(any("а" <= ch <= "я" for ch in a.casefold()) for a in names), f"{lab.id}: no Russian alias"
        assert any(a.isascii() for a in names) or lab.name.isascii(), f"{lab.id}: no English alias"
    above = [a.id for a in schema.ancestors("pr.code_of_the_future")]
    assert above == ["fp.de.it_personnel", "np.digital_economy"]
    assert schema.depth("np.data_economy") == 0 and schema.depth("fp.dx.platforms") == 1
    assert schema.by_key("1").id == "np.digital_economy"


def test_default_schema_names_every_initiative_of_the_gold_file() -> None:
    schema = load_labels(None)
    names = {lab.name for lab in schema.labels}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        for span in json.loads(line)["initiative_spans"]:
            assert span["canonical"] in names


def test_search_finds_labels_by_russian_and_weak_aliases() -> None:
    schema = load_labels(None)
    assert "np.digital_economy" in [lab.id for lab in schema.search("цифровая эконом")]
    assert "si.internet_access" in [lab.id for lab in schema.search("Интернет-доступ")]
    assert schema.search("") == schema.labels
    assert schema.color("target") == TARGET_COLOR and schema.color("np.data_economy") == "#d787ff"


def test_a_good_file_parses_with_defaults() -> None:
    schema = parse_labels(GOOD, "x.toml")
    assert isinstance(schema, LabelSchema) and len(schema) == 2 and "fp.a.b" in schema
    b = schema.get("fp.a.b")
    assert b == Label("fp.a.b", "B", "np.a", "federal_project")
    assert schema.get("np.a").level == "national_project"


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    e = error('[[label]]\nid = "np.a"\nname = \n', tmp_path)
    assert e.line == 3 and "TOML syntax error" in str(e) and "column" in str(e)
    assert "(at line" not in str(e)


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    text = GOOD + '\n[[label]]\nname = "again"\nid = "np.a"\n'
    e = error(text, tmp_path)
    lines = text.splitlines()
    assert lines[e.line - 1] == 'id = "np.a"' and e.line > 4
    assert str(e).endswith("duplicate label id 'np.a' (first at line 4)")


def test_unknown_parent_points_at_the_parent_line(tmp_path: Path) -> None:
    text = GOOD.replace('parent = "np.a"', 'parent = "np.zz"')
    e = error(text, tmp_path)
    assert "unknown parent 'np.zz'" in str(e) and text.splitlines()[e.line - 1].startswith("parent")


def test_a_cycle_in_parents_is_reported_with_its_path(tmp_path: Path) -> None:
    text = '[[label]]\nid = "a"\nname = "A"\nparent = "b"\n\n[[label]]\nid = "b"\nname = "B"\nparent = "a"\n'
    e = error(text, tmp_path)
    assert "cycle: a -> b -> a" in str(e) and e.line == 4
    e = error('[[label]]\nid = "a"\nname = "A"\nparent = "a"\n', tmp_path)
    assert "its own parent" in str(e) and e.line == 4


@pytest.mark.parametrize("text", ["", "version = 1\n", "label = []\n"])
def test_an_empty_schema_is_an_error(tmp_path: Path, text: str) -> None:
    assert "empty schema" in str(error(text, tmp_path))


@pytest.mark.parametrize(("edit", "problem", "field"), [
    (('key = "1"', 'color = "blue-ish#"'), "bad colour", "color"),
    (('key = "1"', 'key = "12"'), "single character", "key"),
    (('name = "B"', 'name = "B"\nkey = "1"'), "already the key of 'np.a'", "key"),
    (('name = "B"', 'name = "B"\nalias = ["b"]'), "unknown field 'alias'", "alias"),
    (('name = "B"', 'name = "B"\naliases = "b"'), "aliases must be a list", "aliases"),
    (('name = "B"', 'name = "B"\nlevel = "ministry"'), "unknown level 'ministry'", "level"),
    (('id = "fp.a.b"', 'id = "fp a b"'), "may hold only", "id"),
    (('name = "B"', 'name = ""'), "needs a name", "name"),
])
def test_bad_fields_name_their_line(tmp_path: Path, edit: tuple[str, str], problem: str, field: str) -> None:
    text = GOOD.replace(*edit)
    e = error(text, tmp_path)
    assert problem in str(e)
    assert text.splitlines()[e.line - 1].startswith(field)


def test_missing_id_points_at_the_entry(tmp_path: Path) -> None:
    text = GOOD + '\n[[label]]\nname = "C"\n'
    e = error(text, tmp_path)
    assert "needs an id" in str(e) and text.splitlines()[e.line - 1] == "[[label]]"


def test_unreadable_files_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "labels.toml"
    bad.write_bytes(b'[[label]]\nid = "a"\nname = "\xff"\n')
    with pytest.raises(LabelSchemaError, match=r"labels.toml:3: not UTF-8"):
        load_labels(bad)
    with pytest.raises(LabelSchemaError, match="cannot read label schema"):
        load_labels(tmp_path / "missing.toml")


def test_unknown_top_level_tables_and_newer_versions(tmp_path: Path) -> None:
    e = error('version = 1\n\n[[labels]]\nid = "a"\nname = "A"\n', tmp_path)
    assert "unknown top-level key 'labels'" in str(e) and e.line == 3
    e = error(GOOD.replace("version = 1", "version = 2"), tmp_path)
    assert "unsupported schema version 2" in str(e) and e.line == 1
