"""The pipeline before the app is plain Python: importing it must not pull in Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

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


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", f"{module} imports textual"
