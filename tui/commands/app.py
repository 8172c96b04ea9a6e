"""Start the Textual app (imported lazily so scripting commands do not load Textual)."""

from __future__ import annotations

import argparse

from tui.paths import default_annotator, resolve


def run_app(args: argparse.Namespace) -> int:
    from tui.app.app import NatprojApp

    loc = resolve(args.corpus, args.db, args.labels)
    app = NatprojApp(
        corpus_path=loc.corpus,
        db_path=loc.db,
        labels_path=loc.labels,
        annotator=args.annotator or default_annotator(),
        read_only=args.read_only,
    )
    app.run()
    return app.return_code or 0
