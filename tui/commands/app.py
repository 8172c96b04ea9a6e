"""Start the Textual app (imported lazily so scripting commands do not load Textual)."""

from __future__ import annotations

import argparse
import codecs
import os
import sys

from tui.commands.errors import CommandError
from tui.paths import default_annotator, resolve

# What the screen shows: box lines, the cursor mark, Russian text. A terminal encoding that cannot
# write these would show escapes instead of a usable screen.
DRAWN = "─│▌✓ Цифровая экономика"


def check_terminal_encoding() -> None:
    """Textual writes to the original stderr; refuse with one clear line when it is not Unicode."""
    stream = sys.__stderr__
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return
    try:
        codecs.encode(DRAWN, encoding)
    except (UnicodeEncodeError, LookupError):
        raise CommandError(
            f"the terminal's encoding is {encoding}, but the app draws Unicode (Russian text, box lines); "
            "use a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8"
        ) from None


def check_terminal_kind() -> None:
    """TERM=dumb (an editor's shell buffer, a serial console) cannot move the cursor; the escape codes
    of a full-screen app would only scroll past as noise."""
    if os.environ.get("TERM") == "dumb":
        raise CommandError(
            "TERM=dumb: this terminal cannot move the cursor, so the app cannot be drawn; run it in a "
            "full terminal, or use the subcommands (clean, figures, export, stats)"
        )


def run_app(args: argparse.Namespace) -> int:
    check_terminal_kind()
    check_terminal_encoding()
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
