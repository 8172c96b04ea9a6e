"""Export and import formats, merge of annotators' files, agreement and counts (no Textual here).

Names are imported on first use: the command line builds its parsers from ``formats`` alone.
The ``export`` function is not among them, as its module has the same name: import it from
``tui.dataset.export``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.dataset.agreement import Agreement, SpanScores, cohen_kappa, compare
    from tui.dataset.export import ExportReport, write_export
    from tui.dataset.formats import FORMATS, IMPORT_FORMATS, UNITS
    from tui.dataset.importer import ImportFailed, ImportPlan, ImportResult, apply_import, read_import
    from tui.dataset.merge import MergeResult, merge_annotations, merge_stores
    from tui.dataset.stats import Stats, compute_stats

_MODULES = {
    "Agreement": "agreement",
    "SpanScores": "agreement",
    "cohen_kappa": "agreement",
    "compare": "agreement",
    "ExportReport": "export",
    "write_export": "export",
    "FORMATS": "formats",
    "IMPORT_FORMATS": "formats",
    "UNITS": "formats",
    "ImportFailed": "importer",
    "ImportPlan": "importer",
    "ImportResult": "importer",
    "apply_import": "importer",
    "read_import": "importer",
    "MergeResult": "merge",
    "merge_annotations": "merge",
    "merge_stores": "merge",
    "Stats": "stats",
    "compute_stats": "stats",
}

__all__ = [
    "FORMATS",
    "IMPORT_FORMATS",
    "UNITS",
    "Agreement",
    "ExportReport",
    "ImportFailed",
    "ImportPlan",
    "ImportResult",
    "MergeResult",
    "SpanScores",
    "Stats",
    "apply_import",
    "cohen_kappa",
    "compare",
    "compute_stats",
    "merge_annotations",
    "merge_stores",
    "read_import",
    "write_export",
]

__getattr__ = lazy_names(__name__, _MODULES)
