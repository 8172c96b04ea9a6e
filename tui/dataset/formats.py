"""The names of the export and import formats, apart from the code that writes and reads them, so
that the command line and the export dialog can offer them without loading that code."""

from __future__ import annotations

FORMATS = ("spans", "doccano", "records", "native")  # what ``export`` writes
UNITS = ("document", "passage")  # one line per document or per passage (spans, doccano)
IMPORT_FORMATS = ("native", "spans", "doccano")
