"""Every key of the app in one table: the bindings, the ? help and the command palette come from it,
so the three can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

GLOBAL = "Anywhere"
LIST = "Document list"
READER = "Reader"


@dataclass(frozen=True, slots=True)
class Command:
    keys: str  # Textual key names, comma-separated
    action: str  # an action of the app, with its arguments: "sentence(1)"
    title: str  # what the palette and the help say
    where: str  # GLOBAL, LIST or READER
    footer: str = ""  # the footer's short word (empty: not in the footer)
    display: str = ""  # how the help shows the keys (default: the first key's name)
    group: str = ""  # footer group: bindings of one group show as one entry ("j k sentence")
    palette: bool = True  # offered in the command palette
    bind: bool = True  # False: the widget binds it itself (listed here for the help only)


KEYMAP: tuple[Command, ...] = (
    Command("question_mark", "help", "Help: every key", GLOBAL, "help", "?"),
    Command("e", "export", "Export the annotations", GLOBAL, "export"),
    Command("s", "stats", "Statistics", GLOBAL, "stats"),
    Command("q", "quit", "Quit (everything is already saved)", GLOBAL, "quit"),
    Command("j", "", "Next document in the list", LIST, "", "j / ↓", palette=False, bind=False),
    Command("k", "", "Previous document in the list", LIST, "", "k / ↑", palette=False, bind=False),
    Command("enter", "open_highlighted", "Open the highlighted document in the reader", LIST, "open", "enter",
            palette=False),
    Command("slash", "filter", "Filter the document list", LIST, "filter", "/"),
    # Reader: the footer shows them in this order, so the annotating keys come first and the
    # moving keys (which a narrow footer cuts off) last.
    Command("j,down", "sentence(1)", "Next sentence", READER, "sentence", "j / ↓", "sentence"),
    Command("k,up", "sentence(-1)", "Previous sentence", READER, "sentence", "k / ↑", "sentence"),
    Command("i", "tag_initiative", "Tag as initiative", READER, "initiative"),
    Command("t", "tag_target", "Tag as target", READER, "target"),
    Command("v", "select", "Start (or end) a span selection", READER, "select"),
    Command("w,shift+right", "extend(1)", "Move the selection's end a word on", READER, "word",
            "w / shift+→", "extend"),
    Command("b,shift+left", "extend(-1)", "Move the selection's end a word back", READER, "word",
            "b / shift+←", "extend"),
    Command("escape", "cancel", "Cancel the selection or search", READER, "cancel", "esc"),
    Command("a", "accept", "Accept the suggestion under the cursor", READER, "suggestion", "a", "suggestion"),
    Command("x", "reject", "Reject the suggestion under the cursor", READER, "suggestion", "x", "suggestion"),
    Command("d", "delete", "Delete the annotation under the cursor", READER, "delete"),
    Command("n", "note", "Add a note to the annotation under the cursor", READER, "note"),
    Command("u", "undo", "Undo", READER, "undo", "u", "undo"),
    Command("ctrl+r", "redo", "Redo", READER, "undo", "ctrl+r", "undo"),
    Command("m", "mark_done", "Mark the document done, open the next one", READER, "done"),
    Command("slash", "search", "Search the document (// searches the corpus)", READER, "search", "/"),
    Command("semicolon", "match(1)", "Next search match", READER, "match", ";", "match"),
    Command("comma", "match(-1)", "Previous search match", READER, "match", ",", "match"),
    Command("r", "raw", "Raw view: removed boilerplate and why", READER, "raw"),
    Command("f", "figure(1)", "Next figure", READER, "figure", "f", "figure"),
    Command("F", "figure(-1)", "Previous figure", READER, "figure", "F", "figure"),
    Command("greater_than_sign", "next_suggestion(1)", "Next open suggestion", READER, "suggestions", ">",
            "next_suggestion"),
    Command("less_than_sign", "next_suggestion(-1)", "Previous open suggestion", READER, "suggestions", "<",
            "next_suggestion"),
    Command("J", "paragraph(1)", "Next paragraph", READER, "paragraph", "J", "paragraph"),
    Command("K", "paragraph(-1)", "Previous paragraph", READER, "paragraph", "K", "paragraph"),
    Command("right_square_bracket", "document(1)", "Next document", READER, "doc", "]", "document"),
    Command("left_square_bracket", "document(-1)", "Previous document", READER, "doc", "[", "document"),
)

# Keys that Textual itself provides; listed in the help so it names every key.
BUILT_IN: tuple[tuple[str, str, str], ...] = (
    (GLOBAL, "ctrl+p", "Command palette (type a phrase to search the corpus)"),
    (GLOBAL, "tab / shift+tab", "Move focus: list, reader, annotations"),
    (GLOBAL, "ctrl+q", "Quit"),
    (LIST, "enter (filter)", "Back to the list"),
    (LIST, "i t v f ] m …", "Reader keys work here too: they act on the open document"),
    (READER, "enter (search)", "Go to the match, back in the reader (again: next match)"),
    (READER, "esc (search)", "Close the search box"),
    (READER, "j / k (selecting)", "Extend the selection to the end of the next sentence (k: back)"),
    (READER, "mouse drag", "Select words (then i, t or esc)"),
    (READER, "click", "Go to the sentence (while selecting: move the selection's end)"),
    ("Annotation panel", "enter", "Show the annotation in the reader"),
)


def _key_display(cmd: Command) -> str:
    return cmd.display or cmd.keys.split(",")[0]


def row_bindings(down: str = "down", up: str = "up") -> list[Binding]:
    """The keys that move through rows (the document list's, the panel's): each widget has the
    actions ``cursor``, ``page`` and ``jump``."""
    moves = ((down, "cursor(1)", "down"), (up, "cursor(-1)", "up"), ("pagedown", "page(1)", "page down"),
             ("pageup", "page(-1)", "page up"), ("home", "jump(0)", "first"), ("end", "jump(-1)", "last"))
    return [Binding(key, action, title, show=False) for key, action, title in moves]


def bindings(where: str, *, namespace: str = "app.") -> list[Binding]:
    """The Textual bindings of one part of the screen; actions run on the app."""
    out = []
    if where != GLOBAL:
        # first in the footer: a newcomer's way to every other key, however narrow the screen
        out.append(Binding("question_mark", namespace + "help", "help", key_display="?"))
    groups: dict[str, Binding.Group] = {}
    for cmd in KEYMAP:
        if cmd.where != where or not cmd.bind:
            continue
        group = None
        if cmd.group:
            group = groups.setdefault(cmd.group, Binding.Group(cmd.footer or cmd.group, compact=True))
        keys = cmd.keys.split(",")
        key_display = cmd.display.split(" / ")[0] if cmd.display else None
        for n, key in enumerate(keys):
            # only the first key goes in the footer ("j", not "j" and "↓")
            out.append(Binding(key, namespace + cmd.action, cmd.footer or cmd.title,
                               show=bool(cmd.footer) and n == 0,
                               key_display=key_display if n == 0 and key_display != key else None,
                               group=group))
    if where == LIST:
        out += forwarded_bindings(namespace)
    return out


_MOVING = frozenset({"up", "down", "pageup", "pagedown", "home", "end", "escape", "tab", "shift+tab"})


def _keys_of(*wheres: str) -> set[str]:
    return {key for cmd in KEYMAP if cmd.where in wheres for key in cmd.keys.split(",")}


def list_keys() -> set[str]:
    """Keys the document list keeps for itself (moving, opening, filtering, closing the filter)."""
    return {*_MOVING, *_keys_of(LIST, GLOBAL)}


def panel_keys() -> set[str]:
    """Keys the annotation panel keeps for itself (moving, choosing an annotation)."""
    return {*_MOVING, "enter", *_keys_of(GLOBAL)}


def forwarded_bindings(namespace: str = "app.", taken: set[str] | None = None) -> list[Binding]:
    """Reader keys pressed in the document list (or another part that keeps ``taken`` for itself):
    the reader takes the focus and does them, so "i" or "t" is never a dead key while a document
    is on screen."""
    taken = list_keys() if taken is None else taken
    out = []
    for cmd in KEYMAP:
        if cmd.where != READER or not cmd.bind:
            continue
        for key in cmd.keys.split(","):
            if key not in taken:
                out.append(Binding(key, f"{namespace}in_reader({cmd.action!r})", cmd.title, show=False))
    return out


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(keys, description)]) for the help screen, in the table's order."""
    order = [GLOBAL, LIST, READER, "Annotation panel"]
    sections: dict[str, list[tuple[str, str]]] = {name: [] for name in order}
    for cmd in KEYMAP:
        sections[cmd.where].append((_key_display(cmd), cmd.title))
    for where, keys, title in BUILT_IN:
        sections[where].append((keys, title))
    return [(name, rows) for name, rows in sections.items() if rows]


class NatprojCommands(Provider):
    """The app's commands in the palette, each with its key; only those that apply now."""

    def _commands(self) -> list[Command]:
        app = self.app
        seen: set[str] = set()
        out = []
        for cmd in KEYMAP:
            if not cmd.palette or cmd.title in seen:
                continue
            name, _, params = cmd.action.partition("(")
            args = tuple(int(p) for p in params.rstrip(")").split(",") if p.strip())
            if app.check_action(name, args) is False:
                continue
            seen.add(cmd.title)
            out.append(cmd)
        return out

    def _run(self, cmd: Command) -> partial[object]:
        return partial(self.app.run_action, cmd.action)

    async def discover(self) -> Hits:
        for cmd in self._commands():
            yield DiscoveryHit(cmd.title, self._run(cmd), help=f"key: {_key_display(cmd)}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for cmd in self._commands():
            score = matcher.match(cmd.title)
            if score > 0:
                yield Hit(score, matcher.highlight(cmd.title), self._run(cmd),
                          help=f"key: {_key_display(cmd)}")


class CorpusSearchCommands(Provider):
    """Palette lines "Search the corpus: “phrase” in <document>" that open the document at the match."""

    async def discover(self) -> Hits:
        app = self.app
        if getattr(app, "session", None) is not None:
            yield DiscoveryHit("Search the corpus…", partial(app.run_action, "search_corpus"),
                               help="key: / then /phrase, or type a phrase here")

    async def search(self, query: str) -> Hits:
        import asyncio
        import threading

        from tui.app.corpus_search import corpus_hits

        session = getattr(self.app, "session", None)
        if session is None or len(query.strip()) < 3:
            return
        # a big corpus takes a while to scan: off the event loop, so the palette keeps typing; a
        # newer query cancels this search, and the stop flag ends its abandoned scan
        stop = threading.Event()
        try:
            hits = await asyncio.to_thread(corpus_hits, session.corpus, query, stop=stop.is_set)
        finally:
            stop.set()
        for hit in hits:
            text = f"Search the corpus: “{query.strip()}” in {hit.title}"
            jump = partial(self.app.goto_match, hit.doc_id, query.strip())  # type: ignore[attr-defined]
            # below the app's own commands: "raw" must still find the raw view first
            yield Hit(0.5, Content(text), jump, help=f"{hit.count} match{'es' * (hit.count != 1)}")
