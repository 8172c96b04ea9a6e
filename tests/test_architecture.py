"""The pipeline before the app is plain Python: importing it must not pull in Textual. And a
command loads only what it needs: the packages import their names on first use (tui/lazy.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.lazy import lazy_names

DOMAIN_MODULES = [
    "tui.cli",
    "tui.corpus",
    "tui.figures",
    "tui.labels",
    "tui.suggest",
    "tui.store",
    "tui.dataset",
    "tui.session",
]


def _loaded_after(code: str) -> set[str]:
    """The modules loaded by a fresh interpreter after running ``code``."""
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(module: str) -> None:
    # every submodule, not only the package: a lazy package's __init__ imports none of them
    code = (f"import importlib, pkgutil, {module} as m\n"
            "for info in pkgutil.walk_packages(getattr(m, '__path__', []), m.__name__ + '.'):\n"
            "    importlib.import_module(info.name)")
    loaded = _loaded_after(code)
    assert module in loaded
    assert not {m for m in loaded if m.split(".")[0] == "textual"}, f"{module} imports textual"


def test_the_figures_command_does_not_load_the_index_the_store_or_rich() -> None:
    loaded = _loaded_after("from tui.cli import build_parser\n"
                           "build_parser().parse_args(['figures', 'x'])\n"
                           "import tui.commands.figures")
    assert "tui.corpus.loader" in loaded and "tui.figures.detect" in loaded
    unneeded = {"tinydb", "rich", "tui.corpus.index", "tui.corpus.clean", "tui.store.store",
                "tui.dataset.export"}
    assert not unneeded & loaded


def test_lazy_names_load_on_first_use_and_reject_a_name_that_is_also_a_module() -> None:
    loaded = _loaded_after("import tui.dataset")
    assert "tui.dataset.export" not in loaded
    loaded = _loaded_after("from tui.dataset import write_export")
    assert "tui.dataset.export" in loaded
    with pytest.raises(ValueError, match="export"):
        lazy_names("tui.dataset", {"export": "export"})
    import tui.dataset

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = tui.dataset.nothing
