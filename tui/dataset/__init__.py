"""Export and import formats, merge of annotators' files, agreement and counts (no Textual here)."""

from tui.dataset.agreement import Agreement, SpanScores, cohen_kappa, compare
from tui.dataset.export import FORMATS, UNITS, ExportReport, export, write_export
from tui.dataset.importer import (
    IMPORT_FORMATS,
    ImportFailed,
    ImportPlan,
    ImportResult,
    apply_import,
    read_import,
)
from tui.dataset.merge import MergeResult, merge_annotations, merge_stores
from tui.dataset.stats import Stats, compute_stats

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
    "export",
    "merge_annotations",
    "merge_stores",
    "read_import",
    "write_export",
]
