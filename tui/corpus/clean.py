"""Raw text to the article: drop furniture line by line, give each drop a reason, and build the
clean text from raw pieces so every clean offset maps exactly back to the raw text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.corpus.boilerplate import HEADER_REASONS, CorpusStats, classify_line, looks_like_prose
from tui.corpus.document import OffsetMap, Removed
from tui.corpus.metadata import TITLE_MAX, Dateline, find_dateline, headline

DATE_PREFIX = re.compile(r"[ \t]*date[ \t]+(?P<iso>\d{4}-\d\d-\d\d)(?:[ \t]+|(?=\n)|$)", re.I)
_SPACES = re.compile(r"\s+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
REPEATED = "repeated-across-corpus"


_UNSET = "?"


@dataclass(slots=True)
class Line:
    start: int  # raw offsets of the stripped line
    end: int
    text: str
    stats: CorpusStats | None = None
    _reason: str | None = _UNSET

    @property
    def reason(self) -> str | None:
        """The furniture reason if the line is furniture where it stands (computed on demand: only
        lines at the edges are ever asked)."""
        if self._reason == _UNSET:
            self._reason = _candidate(self, self.stats)
        return self._reason


@dataclass
class Cleaned:
    text: str
    offsets: OffsetMap
    removed: list[Removed]
    title: str | None = None
    date_prefix: str | None = None  # the ISO date of a leading "date YYYY-MM-DD" marker
    datelines: list[Dateline] = field(default_factory=list)  # in the first lines, in order
    head: list[str] = field(default_factory=list)  # the first kept lines (where datelines live)


def _lines(raw: str) -> list[Line]:
    out = []
    pos = 0
    for chunk in raw.split("\n"):
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(chunk) + 1
    return out


def _norm(line: str) -> str:
    return _SPACES.sub(" ", line).strip().casefold()


def _candidate(line: Line, stats: CorpusStats | None) -> str | None:
    reason = classify_line(line.text)
    # a sentence of prose is never dropped for being repeated: re-published articles share ledes
    if reason is None and stats is not None and not looks_like_prose(line.text) \
            and stats.is_repeated(line.text):
        reason = REPEATED
    return reason


def clean(raw: str, stats: CorpusStats | None = None, title_hint: str | None = None) -> Cleaned:
    lines = _lines(raw)
    removed: dict[int, str] = {}  # line index -> reason
    extra: list[Removed] = []

    date_prefix = None
    if lines:
        first = lines[0]
        line_start = raw.rfind("\n", 0, first.start) + 1
        m = DATE_PREFIX.match(raw, line_start)
        if m and m.end() > first.start:
            date_prefix = m["iso"]
            extra.append(Removed(m.start(), m.end(), "date-prefix", m.group(0)))
            first.start = max(m.end(), first.start)
            first.text = raw[first.start:first.end].strip()
            if not first.text:
                lines.pop(0)

    for line in lines:
        line.stats = stats

    # furniture before the headline
    top = 0
    while top < len(lines) and lines[top].reason is not None and not _is_hint(lines[top], title_hint):
        removed[top] = lines[top].reason  # type: ignore[assignment]
        top += 1

    title, title_index, repeatable = _title(lines, top, title_hint)
    datelines = []
    for line in lines[top:top + 4]:
        dl = find_dateline(line.text)
        if dl is not None:
            datelines.append(dl)

    # furniture between the headline and the first paragraph (bylines, share buttons)
    i = title_index + 1 if title_index is not None else top
    while i < len(lines):
        if lines[i].reason in HEADER_REASONS or lines[i].reason == REPEATED:
            removed[i] = lines[i].reason  # type: ignore[assignment]
        elif not _is_date_line(lines[i]):
            break
        i += 1

    # furniture after the last real paragraph
    floor = title_index if title_index is not None else top - 1
    j = len(lines) - 1
    while j > floor and (j in removed or lines[j].reason is not None):
        removed.setdefault(j, lines[j].reason)  # type: ignore[arg-type]
        j -= 1

    # the headline repeated as a line of the body
    if title_index is not None and repeatable and title:
        keys = {_norm(title), _norm(lines[title_index].text)}
        longest = max(map(len, keys)) + 10  # spacing may differ; a much longer line is no repeat
        for k in range(title_index + 1, len(lines)):
            if k not in removed and len(lines[k].text) <= longest and _norm(lines[k].text) in keys:
                removed[k] = "repeated-headline"

    removals = sorted(
        extra + [Removed(lines[k].start, lines[k].end, r, lines[k].text) for k, r in removed.items()],
        key=lambda r: r.start,
    )
    kept = [ln for k, ln in enumerate(lines) if k not in removed]
    text, offsets = _assemble(raw, kept, {lines[k].start for k in removed})
    head = [ln.text for ln in kept[:5]]
    return Cleaned(text, offsets, removals, title, date_prefix, datelines, head)


def _is_hint(line: Line, hint: str | None) -> bool:
    return hint is not None and _norm(line.text) == _norm(hint)


def _is_date_line(line: Line) -> bool:
    dl = find_dateline(line.text)
    return dl is not None and dl.whole_line


def _title(lines: list[Line], top: int, hint: str | None) -> tuple[str | None, int | None, bool]:
    """The headline, the index of its line and whether it is a headline line (so a repeat of the
    whole line inside the body is furniture)."""
    if hint:
        for k in range(top, min(top + 3, len(lines))):
            if _is_hint(lines[k], hint):
                return hint.strip(), k, True
        return hint.strip(), None, True
    k = top
    while k < len(lines):
        dl = find_dateline(lines[k].text)
        if dl is None:
            title = headline(_MARKDOWN_HEADING.sub("", lines[k].text))
            return title, k, len(lines[k].text) <= TITLE_MAX
        if not dl.whole_line:
            rest = lines[k].text[dl.end:].strip()
            # "RUSSIA, February 6 - Headline" (no full stop) vs a dateline opening a paragraph
            if rest and len(rest) <= 250 and not re.search(r"[.!?…”»\"]$", rest):
                return rest, k, True
            return headline(rest) if rest else None, k, False
        k += 1  # a date-only line before the headline
    return None, None, False


def _assemble(raw: str, kept: list[Line], removed_starts: set[int]) -> tuple[str, OffsetMap]:
    """Concatenate kept lines with "\\n" (same paragraph) or "\\n\\n" (new paragraph) taken from raw
    newlines between them, so clean[i] == raw[to_raw(i)] for every i."""
    pieces: list[tuple[int, int]] = []
    prev: Line | None = None
    for line in kept:
        if prev is not None:
            gap_start, gap_end = prev.end, line.start
            newlines = [p for p in range(gap_start, gap_end) if raw[p] == "\n"]
            skipped = any(gap_start <= s < gap_end for s in removed_starts)
            if len(newlines) == 1 and not skipped:
                pieces.append((newlines[0], newlines[0] + 1))
            else:
                double = raw.find("\n\n", gap_start, gap_end)
                if double >= 0:
                    pieces.append((double, double + 2))
                else:
                    pieces.append((newlines[0], newlines[0] + 1))
                    pieces.append((newlines[1], newlines[1] + 1))
        pieces.append((line.start, line.end))
        prev = line
    clean_starts: list[int] = []
    raw_starts: list[int] = []
    parts: list[str] = []
    length = 0
    last_raw_end = -1
    for s, e in pieces:
        if s != last_raw_end or not raw_starts:
            clean_starts.append(length)
            raw_starts.append(s)
        parts.append(raw[s:e])
        length += e - s
        last_raw_end = e
    if not raw_starts:
        clean_starts, raw_starts = [0], [0]
    return "".join(parts), OffsetMap(clean_starts, raw_starts, length)
