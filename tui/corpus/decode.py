"""Bytes to text: BOM, strict UTF-8, UTF-8 with a few bad bytes, then a detector limited to the
encodings our users meet.

Why this order: a BOM is certain, and strict UTF-8 almost never decodes a legacy 8-bit text by
accident, so only files that fail both go to a statistical detector. A file that is UTF-8 but for
a byte or two (a truncated copy, a stray cp1252 quote) is still UTF-8: given to the detector, such a
Russian article came back as KOI8-R mojibake, so it is decoded with U+FFFD for the bad bytes and
the count is reported. The detector is restricted to the encodings of Russian and Western news
sites, which is what made it reliable on short KOI8-R and cp1251 texts in our measurements
(DESIGN.md, "Text libraries we measured").
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass

# chardet, charset_normalizer and ftfy are imported where first needed: most corpora are UTF-8
# without mojibake, and importing the three took ~0.1 s of every start of the app and the CLI

# charset-normalizer spells code pages with underscores; the list is ordered by how often we meet them.
LIKELY_ENCODINGS = ["utf_8", "cp1251", "koi8_r", "cp866", "cp1252", "latin_1"]
_CHARDET_NAMES = ["utf-8", "windows-1251", "koi8-r", "cp866", "windows-1252", "iso-8859-1"]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_BOM_FIRST = frozenset(bom[0] for bom, _ in _BOMS)  # most files start with none of these bytes
# C0 controls other than tab, newlines, form feed and escape never occur in a text people write.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
# UTF-8 with bad bytes is still read as UTF-8 when it has few bad sequences (BAD_UTF8_FEW, plus
# BAD_UTF8_PER_KB a KB: one stray byte inside a character makes up to three) and twice as many
# bytes of good multi-byte characters: the evidence that it is UTF-8 at all. An ASCII text with a
# stray high byte is more likely cp1252 or KOI8-R, and a cp1251 text is all bad sequences: both go
# to the detector.
BAD_UTF8_FEW = 4
BAD_UTF8_PER_KB = 2


def _misread_sequence() -> re.Pattern[str]:
    """UTF-8 misread as cp1252, latin-1 or cp1251 shows each multi-byte character as its lead
    byte's character followed by continuation bytes' characters. A text without such a sequence
    has no mojibake, and skipping ftfy's whole-text scan for it keeps loading fast.

    A Latin lead ("Ã", "â") followed by one continuation is enough, as ftfy also mends a sequence
    that lost a byte ("â€" before a space). A Cyrillic lead (UTF-8 read as cp1251) must have as many
    continuations as its byte says: the three-byte leads are "а"…"п", and ordinary Russian text
    has them before one continuation character ("данных»", "её"), which is no mojibake."""
    conts = set(map(chr, range(0x80, 0xC0)))  # latin-1 and C1 controls (sloppy cp1252)
    latin: set[str] = set()
    for enc in ("cp1252", "cp1251", "latin-1"):
        conts.update(bytes(range(0x80, 0xC0)).decode(enc, errors="ignore"))
    for enc in ("cp1252", "latin-1"):
        latin.update(bytes(range(0xC2, 0xF5)).decode(enc, errors="ignore"))
    cyrillic = {n: bytes(range(lo, hi)).decode("cp1251") for n, (lo, hi) in
                {1: (0xC2, 0xE0), 2: (0xE0, 0xF0), 3: (0xF0, 0xF5)}.items()}

    def chars(cs: Iterable[str]) -> str:
        return f"[{re.escape(''.join(sorted(cs)))}]"

    cont = chars(conts)
    behind = [f"(?<={chars(latin)}{cont})", *(f"(?<={chars(cyrillic[n])}{cont}{{{n}}})" for n in (1, 2, 3))]
    # matched at the last continuation and checked backwards: the regex engine then skips through
    # the text looking for continuation characters (rare: punctuation, accents), not for leads
    # (every Cyrillic letter is a cp1251 lead)
    return re.compile(f"{cont}(?:{'|'.join(behind)})")


_MISREAD = _misread_sequence()


class DecodeError(ValueError):
    """The bytes are not a text we can read; ``str(e)`` is the one-line reason for the user."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # decoded, newlines normalised to "\n", mojibake repaired
    encoding: str
    repaired: bool  # ftfy changed something (mojibake)
    replaced: int = 0  # bad UTF-8 byte sequences decoded as U+FFFD

    @property
    def note(self) -> str | None:
        """What the user should be told about this decoding, or None."""
        if not self.replaced:
            return None
        n = self.replaced
        return f"{n} invalid UTF-8 byte sequence{'s' if n > 1 else ''} replaced (U+FFFD)"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte for Latin text and as a constant
    high byte (0x04) for Cyrillic; either pattern in most pairs is decisive."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    pairs = len(even)
    for enc, high in (("utf-16-le", odd), ("utf-16-be", even)):
        share = (high.count(0) + high.count(4)) / pairs
        if share >= 0.6:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    return None


def _detect(data: bytes) -> str | None:
    import charset_normalizer

    # not UTF-8: decode_bytes tried it (strictly, then with a few bad bytes) before asking
    best = charset_normalizer.from_bytes(data, cp_isolation=LIKELY_ENCODINGS[1:]).best()
    if best is not None:
        return best.encoding
    import chardet

    guess = chardet.detect(data, include_encodings=_CHARDET_NAMES)
    return guess.get("encoding")


_CONTROL_BYTES = bytes(b for b in range(0x80) if _CONTROL.match(chr(b)))
SAMPLE = 20000  # characters looked at for control characters


def no_control_bytes(data: bytes) -> bool:
    """True when the UTF-8 bytes that hold the first SAMPLE characters of a text have no control
    byte, so ``looks_binary`` would say False: a C translate, where the regex took a tenth of the
    decoding time. (In UTF-8 a control character is its own byte.)"""
    head = data[:4 * SAMPLE]
    return len(head.translate(None, _CONTROL_BYTES)) == len(head)


def looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:SAMPLE]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def normalise_newlines(text: str) -> str:
    # ``in`` scans run at memory speed; the regex is only needed for the rare separators
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and ("\u2028" in text or "\u2029" in text or "\x85" in text):
        text = _NEWLINES.sub("\n", text)
    return text


def _has_lead(utf8: bytes) -> bool:
    """Whether a text's UTF-8 has a byte that every lead of a misread sequence starts with: "Â"…"ô"
    are C3 xx, "В"…"ф" are D0 xx or D1 xx. A text without one holds no lead, so no mojibake: one
    memchr each, where the search for a sequence tests every character (3% of `figures` on English
    files)."""
    return b"\xc3" in utf8 or b"\xd0" in utf8 or b"\xd1" in utf8


def repair(text: str, *, leads: bool = True) -> tuple[str, bool]:
    """Repair mojibake (UTF-8 read as cp1252/latin-1) only: ``fix_encoding`` leaves quotes, dashes
    and clean text alone, unlike ``fix_text``. ``leads=False`` says the text has no lead character
    of a misread sequence, known from its bytes."""
    if not leads or text.isascii() or not _MISREAD.search(text):
        return text, False
    import ftfy

    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


def decode_text(text: str, encoding: str = "utf-8", replaced: int = 0, *, leads: bool = True) -> Decoded:
    """Normalise an already decoded string (e.g. a JSONL field) the same way as a file."""
    fixed, repaired = repair(normalise_newlines(text.lstrip("\ufeff")), leads=leads)
    return Decoded(fixed, encoding, repaired, replaced)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text and its number of bad sequences when ``data`` is UTF-8 but for a few bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # less the U+FFFD the file itself holds
    multibyte = len(data) - len(text)  # bytes beyond the first of each multi-byte character, about
    if 0 < bad <= BAD_UTF8_FEW + BAD_UTF8_PER_KB * len(data) // 1024 and multibyte >= 2 * bad:
        return text, bad
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; raises DecodeError with a short reason."""
    if not data:
        raise DecodeError("empty file")
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS if data[0] in _BOM_FIRST else ():
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                raise DecodeError(f"not valid {enc} despite its byte order mark") from None
            break
    replaced = 0
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None  # not UTF-8: try the other ways below
            if b"\x00" not in data[:20000] and (got := _mostly_utf8(data)) is not None:
                (text, replaced), encoding = got, "utf-8"
    if text is None or "\x00" in text:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            text, encoding = utf16, "utf-16"
    if text is None:
        if b"\x00" in data[:20000]:
            raise DecodeError("binary file")
        guess = _detect(data)
        if guess is None:
            raise DecodeError("unknown text encoding")
        try:
            text, encoding = data.decode(guess), codecs.lookup(guess).name
        except (UnicodeDecodeError, LookupError):
            raise DecodeError(f"unknown text encoding (not {guess})") from None
    # the text in UTF-8, where a control character is one byte and a lead has its own first byte,
    # both found by C loops (the file's own bytes when it is UTF-8; encoding the others cost less
    # than the regexes it saves)
    utf8 = data if encoding == "utf-8" else text.encode("utf-8", "surrogatepass")
    if not no_control_bytes(utf8) and looks_binary(text):
        raise DecodeError("binary file")
    if not text.strip():
        raise DecodeError("empty file")
    return decode_text(text, encoding, replaced, leads=_has_lead(utf8))
