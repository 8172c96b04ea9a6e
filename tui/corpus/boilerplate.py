"""Site furniture: which lines of a scraped page are not the article, and why.

Patterns alone are only trusted at the edges of a page (before the headline, right after it, or
after the last real paragraph): in the middle of an article the same words can be the article.
A line repeated across many documents of one corpus is furniture by the same edge rule, and only
when it is shaped like furniture (``looks_like_prose`` says no): a lede that re-published releases
share is as repeated as a site's footer, and only its shape tells them apart. Furniture written as a
full sentence ("Your email address will not be published.") is caught by the patterns instead.
Only an exact repeat of the headline is dropped anywhere.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# (reason, pattern) - checked in order on one stripped line; every pattern is anchored or specific
# enough that a sentence of news prose does not match it.
_RULES: list[tuple[str, str]] = [
    ("site-counter",
     r"^there (?:were|are|have been) [\d,.\s]+ (?:press releases|articles|news|posts|stories)\b"),
    ("site-counter", r"^(?:views|просмотр(?:ов|ы)?|hits|прочитано)\s*:?\s*[\d\s]+$"),
    ("site-counter", r"^[\d\s]+ (?:views|просмотр(?:ов|а)?)$"),
    ("comment-form", r"^leave an? (?:reply|comment)\b"),
    ("comment-form", r"your e-?mail address will not be published"),
    ("comment-form", r"^required fields are marked"),
    ("comment-form", r"^(?:cancel reply|post comment|add comment|comments?\s*\(?\d*\)?|no comments yet\.?)$"),
    ("comment-form", r"^you must be logged in to post a comment"),
    ("comment-form", r"^(?:оставить|добавить|оставьте) (?:комментарий|ответ)"),
    ("comment-form", r"ваш (?:адрес )?e-?mail не будет опубликован"),
    ("comment-form", r"^обязательные поля помечены"),
    ("comment-form", r"^(?:name|email|website|comment)\s*\*?$"),
    ("license-footer", r"^all (?:content|materials?) (?:on|of) this (?:site|website) (?:is|are) licensed"),
    ("license-footer", r"^(?:this (?:work|article|content) is )?licensed under\b"),
    ("license-footer", r"^creative commons attribution\b"),
    ("license-footer", r"^(?:©|\(c\)|copyright\b)"),
    ("license-footer", r"\ball rights reserved\.?$"),
    ("license-footer", r"^все права защищены"),
    ("license-footer", r"^при (?:полном или частичном )?(?:использовании|копировании|перепечатке) материал"),
    ("license-footer", r"^материалы (?:сайта )?доступны по лицензии"),
    ("byline",
     r"^(?:author|posted by|written by|written|by|reporter|editor|автор|текст|редактор)\s*:\s*\S.{0,60}$"),
    ("byline", r"^by (?-i:[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3})$"),
    ("photo-credit", r"^(?:photo|фото|image|изображение)\s*:\s*\S.{0,80}$"),
    ("more-to-come", r"^more to (?:be posted|come|follow)(?: soon)?\s*(?:\.\.\.|…|\.)?$"),
    ("more-to-come", r"^(?:to be continued|this story is developing|developing story)\s*(?:\.\.\.|…|\.)?$"),
    ("more-to-come", r"^(?:новость дополняется|продолжение следует|подробнее позже)\s*(?:\.\.\.|…|\.)?$"),
    ("share-buttons",
     r"^(?:share(?: this)?(?: on)?|поделиться|tweet|print|версия для печати|send to a friend)\s*:?$"),
    ("share-buttons",
     r"^(?:(?:facebook|twitter|vk|vkontakte|telegram|whatsapp|linkedin|email|ok)[\s,|/]*){2,}$"),
    ("navigation", r"^(?:home|главная)\s*(?:>|»|/|→)"),
    ("navigation",
     r"^(?:read more|read also|see also|related (?:posts|articles|news)|back to top)\b.{0,80}$"),
    ("navigation", r"^(?:читайте также|смотрите также|наверх)\b.{0,80}$"),
    ("navigation", r"^(?:subscribe to|follow us on|подписывайтесь на|подпишитесь на)\b.{0,80}$"),
    ("tags", r"^(?:tags|теги|метки|posted in|filed under|рубрика|рубрики)\s*:.{0,200}$"),
    ("source-line", r"^(?:source|источник)\s*:\s*\S.{0,80}$"),
]
# Two alternations (rules anchored at the line start, tried with one match; the few others, with
# one search), so a line costs two regex calls; the group that matched names the reason.
_ANCHORED = re.compile("|".join(f"(?P<r{i}>{p[1:]})" for i, (_, p) in enumerate(_RULES) if p.startswith("^")),
                       re.I)
_FLOATING = re.compile("|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(_RULES) if not p.startswith("^")),
                       re.I)
_REASON_OF_GROUP = {f"r{i}": reason for i, (reason, _) in enumerate(_RULES)}
# Only these may sit between the headline and the first paragraph and still be furniture.
HEADER_REASONS = frozenset({"byline", "photo-credit", "share-buttons", "navigation", "site-counter"})

_SPACES = re.compile(r"\s+")
EDGE_LINES = 6  # how many non-blank lines at each end of a document count as its edges


def classify_line(line: str) -> str | None:
    """The furniture reason of one stripped line, or None. Long lines are prose, not furniture,
    unless a specific rule anchors at their start (a site counter)."""
    if len(line) > 300:
        return None
    m = _ANCHORED.match(line) or _FLOATING.search(line)
    return _REASON_OF_GROUP[m.lastgroup] if m and m.lastgroup else None


_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of letters (Latin or Cyrillic), two or more
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*$")
PROSE_MIN_WORDS = 6


def looks_like_prose(line: str) -> bool:
    """A sentence of an article rather than a piece of site furniture: six or more words and either
    a sentence's end or a figure in it. Menus, site names, share buttons, "Read more", bylines and
    counters are short or end without a full stop; the corpus-frequency signal may drop those only.
    """
    if len(_WORD.findall(line)) < PROSE_MIN_WORDS:
        return False
    return bool(_SENTENCE_END.search(line)) or any(ch.isdigit() for ch in line)


def line_key(line: str) -> str:
    """How a line is compared across documents: case and spacing do not matter. Numbers do: with
    them ignored, templated headlines ("Region 5 connects 120 schools") looked like furniture;
    counters with changing numbers are caught by the patterns instead."""
    return _SPACES.sub(" ", line.casefold()).strip()


def edge_lines(raw: str, n: int = EDGE_LINES) -> list[str]:
    lines = [ln.strip() for ln in raw.split("\n")]
    lines = [ln for ln in lines if ln]
    return lines[:n] + lines[max(n, len(lines) - n):]


def _fingerprints(raw: str) -> list[str]:
    """The two longest lines of a text: two documents that share one are copies of one article."""
    lines = sorted((ln.strip() for ln in raw.split("\n")), key=len, reverse=True)[:2]
    return [line_key(ln) for ln in lines if len(ln) >= REPOST_MIN_CHARS]


REPOST_MIN_CHARS = 100
REPEATED_MAX_CHARS = 200  # a longer line is a paragraph of prose, whatever its frequency


def line_hash(key: str) -> int:
    """A stable 63-bit number for a line key: the corpus statistics and the metadata cache keep
    these instead of the lines (a tenth of the size, and the same in every process, unlike hash())."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") >> 1


@dataclass(frozen=True, slots=True)
class EdgeSignature:
    """All one document contributes to the corpus statistics: its short edge lines and its two
    longest lines, hashed. Computed per file, so the statistics never need every text in memory."""

    edges: tuple[int, ...]
    fingerprints: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> EdgeSignature:
        edges = {line_hash(line_key(ln)) for ln in edge_lines(raw) if len(ln) <= REPEATED_MAX_CHARS}
        return cls(tuple(sorted(edges)), tuple(line_hash(fp) for fp in _fingerprints(raw)))


@dataclass
class CorpusStats:
    """In how many distinct articles of a corpus each line (by ``line_key``) sits at the top or
    bottom edge. Re-posts of one article (documents sharing one of their two longest lines) count
    once, so a re-published article's headline and body never look like site furniture.

    ``probes``, when set, records every answer ``is_repeated`` gave (line hash -> answer): a
    document cleaned with the same answers comes out the same, which is how the metadata cache
    knows a cached document is still right after the corpus changed.
    """

    documents: int = 0
    counts: Counter[int] | None = None
    probes: dict[int, bool] | None = None

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> CorpusStats:
        return cls.from_signatures(EdgeSignature.of(raw) for raw in texts)

    @classmethod
    def from_signatures(cls, signatures: Iterable[EdgeSignature]) -> CorpusStats:
        sigs = list(signatures)
        parent = list(range(len(sigs)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[int, int] = {}
        for i, sig in enumerate(sigs):
            for fp in sig.fingerprints:
                if fp in owner:
                    parent[find(i)] = find(owner[fp])
                else:
                    owner[fp] = i
        edges: dict[int, set[int]] = {}
        for i, sig in enumerate(sigs):
            edges.setdefault(find(i), set()).update(sig.edges)
        counts: Counter[int] = Counter()
        for keys in edges.values():
            counts.update(keys)
        return cls(len(edges), counts)

    def recording(self) -> CorpusStats:
        """The same statistics, recording the answers they give (for one document)."""
        return CorpusStats(self.documents, self.counts, {})

    @property
    def threshold(self) -> int:
        return max(3, -(-3 * self.documents // 10))  # ceil(30 %)

    def repeated_hash(self, h: int) -> bool:
        if not self.counts or self.documents < 3:
            return False
        return self.counts.get(h, 0) >= self.threshold

    def is_repeated(self, line: str) -> bool:
        if len(line) > REPEATED_MAX_CHARS:
            return False
        h = line_hash(line_key(line))
        answer = self.repeated_hash(h)
        if self.probes is not None:
            self.probes[h] = answer
        return answer
