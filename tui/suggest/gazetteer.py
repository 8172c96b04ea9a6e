"""The schema's aliases compiled into one regular expression, with Russian case endings.

Russian names change their endings with grammatical case («Цифровая экономика» → «цифровой
экономики»), so every Cyrillic word of an alias becomes its stem plus up to three letters. English
words match as written, the last one also with a plural ``s``. One alternation of every alias,
longest first, is compiled once per schema and kept in ``schema.cache``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tui.labels import LabelSchema

# longest first, so "ого" is tried before "о"
_RU_ENDINGS = sorted(
    [
        "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "ая", "яя", "ое", "ее", "ой",
        "ей", "ую", "юю", "ые", "ие", "ых", "их", "ым", "им", "ом", "ем", "ам", "ям", "ах", "ях",
        "ов", "ев", "ия", "ию", "ий", "ый", "ью", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й"
    ],
    key=len,
    reverse=True,
)
_MIN_STEM = 4
OPEN_QUOTES = "«“„\"'‘‹"
CLOSE_QUOTES = "»”\"'’›“"
_QUOTE_CLASS = "[\"«»“”„‟'‘’‹›]"
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[\"«»“”„‟'‘’‹›]|[-‐‑–—]|[()]|\S", re.UNICODE)


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def ru_stem(word: str) -> str:
    """The word without its case ending (at least four letters kept)."""
    low = word.casefold().replace("ё", "е")
    for end in _RU_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= _MIN_STEM:
            return low[: -len(end)]
    return low


def _word_pattern(word: str, last: bool) -> str:
    if _is_cyrillic(word):
        if len(word) <= 3:  # prepositions and conjunctions do not inflect
            return re.escape(word.casefold()).replace("е", "[её]")
        return re.escape(ru_stem(word)).replace("е", "[её]") + "[а-яё]{0,3}"
    if last and word.isalpha() and len(word) > 2 and not word.isupper():
        return re.escape(word) + "(?:e?s)?"
    return re.escape(word)


def alias_pattern(alias: str) -> str:
    """A regex source for ``alias``: inflecting Russian words, any spacing, any quote style."""
    tokens = _TOKEN.findall(alias)
    last_word = max((i for i, t in enumerate(tokens) if t[0].isalnum()), default=-1)
    src = ""
    prev_word = False
    for i, tok in enumerate(tokens):
        is_word = tok[0].isalnum()
        if re.fullmatch(_QUOTE_CLASS, tok):
            piece = _QUOTE_CLASS + "?"  # «Цифровая экономика», "Digital Economy" or no quotes at all
        elif tok in "-‐‑–—":
            piece = "[-‐‑–—]?"  # "ИТ-отрасли", "ИТ отрасли"
        elif is_word:
            piece = _word_pattern(tok, i == last_word)
        else:
            piece = re.escape(tok)
        if src:
            src += r"\s+" if (is_word and prev_word) else r"\s*"
        src += piece
        prev_word = is_word
    return src


_WORD_START = re.compile(r"[^\W_]+")
_KEY_LEN = 4


def _key(word: str) -> str:
    return word.casefold().replace("ё", "е")[:_KEY_LEN]


@dataclass
class AliasMatcher:
    """Names compiled into one alternation, longest first, tried only where a word starts that
    begins like the first word of some name. Those word starts are found by ``starts``, a trie of
    the first words' keys compiled into one regex, so the scan over a long text stays in C and
    Python sees only the few candidates (a per-word loop in Python cost ~0.3 s on a 1 MB text)."""

    names: list[str]
    regex: re.Pattern[str] | None = None
    keys: frozenset[str] = frozenset()
    starts: re.Pattern[str] | None = None

    @classmethod
    def build(cls, names: list[str]) -> AliasMatcher:
        if not names:
            return cls([])
        alts = [f"(?P<a{i}>{alias_pattern(n)})" for i, n in enumerate(names)]
        regex = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)
        keys = set()
        for n in names:
            first = _WORD_START.search(n)
            if first:
                word = first.group(0)
                keys.add(_key(ru_stem(word) if _is_cyrillic(word) and len(word) > 3 else word))
        starts = re.compile(r"(?<![^\W_])" + _key_trie(sorted(keys)), re.IGNORECASE)
        return cls(names, regex, frozenset(keys), starts)

    def matches(self, text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int, int]]:
        """(start, end, index of the name) of the longest name at each word start in ``text[lo:hi]``;
        matches may overlap, the caller decides between them."""
        if self.regex is None or self.starts is None:
            return
        end = len(text) if hi is None else hi
        keys = self.keys
        for c in self.starts.finditer(text, lo, end):
            w = _WORD_START.match(text, c.start(), end)
            if w is None:
                continue
            cf = w.group(0).casefold().replace("ё", "е")
            if cf[:_KEY_LEN] in keys or cf in keys:
                m = self.regex.match(text, w.start(), end)
                if m is not None and m.lastgroup is not None:
                    yield m.start(), m.end(), int(m.lastgroup[1:])


def _key_trie(keys: list[str]) -> str:
    """One regex source matching any of ``keys`` as a prefix, shared prefixes written once (the
    engine tries one branch per letter instead of every key)."""
    trie: dict[str, dict] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def source(node: dict[str, dict]) -> str:
        if "" in node:  # a key ends here: a longer one may go on, the prefix already matched
            return ""
        branches = [("[её]" if ch == "е" else re.escape(ch)) + source(child)
                    for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return source(trie)


@dataclass(frozen=True, slots=True)
class Alias:
    text: str  # as the schema writes it
    labels: tuple[str, ...]  # every label that has this alias (a federal project name can repeat)
    weak: bool


@dataclass
class Gazetteer:
    """One compiled alternation of all aliases of a schema."""

    labels: tuple[object, ...]  # the schema's labels when this was built (to notice a changed schema)
    aliases: list[Alias] = field(default_factory=list)
    matcher: AliasMatcher = field(default_factory=lambda: AliasMatcher([]))


def build_gazetteer(schema: LabelSchema) -> Gazetteer:
    by_key: dict[str, tuple[str, list[str], bool]] = {}
    for lab in schema.labels:
        for weak, names in ((False, lab.aliases), (True, lab.weak_aliases)):
            for name in names:
                key = " ".join(name.casefold().split())
                text, ids, was_weak = by_key.get(key, (name, [], weak))
                if lab.id not in ids:
                    ids.append(lab.id)
                # an alias is strong if any label lists it as strong
                by_key[key] = (text, ids, was_weak and weak)
    aliases = [Alias(text, tuple(ids), weak) for text, ids, weak in by_key.values()]
    aliases.sort(key=lambda a: (-len(a.text), a.text))
    return Gazetteer(tuple(schema.labels), aliases, AliasMatcher.build([a.text for a in aliases]))


def gazetteer(schema: LabelSchema) -> Gazetteer:
    """The schema's compiled gazetteer, built on first use and kept until the labels change."""
    got = schema.cache.get("gazetteer")
    if not isinstance(got, Gazetteer) or got.labels != tuple(schema.labels):
        got = schema.cache["gazetteer"] = build_gazetteer(schema)
    return got
