"""Bytes to text: BOM, strict UTF-8, then a detector limited to the encodings our users meet.

Why this order: a BOM is certain, and strict UTF-8 almost never decodes a legacy 8-bit text by
accident, so only files that fail both go to a statistical detector. The detector is restricted to
the encodings of Russian and Western news sites, which is what made it reliable on short KOI8-R
and cp1251 texts in our measurements (DESIGN.md, "Text libraries we measured").
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import chardet
import charset_normalizer
import ftfy

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
# C0 controls other than tab, newlines, form feed and escape never occur in a text people write.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def _misread_pair() -> re.Pattern[str]:
    """UTF-8 misread as cp1252, latin-1 or cp1251 always shows a lead byte's character followed by
    a continuation byte's character; a text without such a pair has no mojibake, and skipping
    ftfy's whole-text scan for it keeps loading fast."""
    leads, conts = set(), set(map(chr, range(0x80, 0xC0)))  # latin-1 and C1 controls (sloppy cp1252)
    for enc in ("cp1252", "cp1251", "latin-1"):
        leads.update(bytes(range(0xC2, 0xF5)).decode(enc, errors="ignore"))
        conts.update(bytes(range(0x80, 0xC0)).decode(enc, errors="ignore"))
    return re.compile(f"[{re.escape(''.join(sorted(leads)))}][{re.escape(''.join(sorted(conts)))}]")


_MISREAD = _misread_pair()


class DecodeError(ValueError):
    """The bytes are not a text we can read; ``str(e)`` is the one-line reason for the user."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # decoded, newlines normalised to "\n", mojibake repaired
    encoding: str
    repaired: bool  # ftfy changed something (mojibake)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte for Latin text and as a constant
    high byte (0x04) for Cyrillic; either pattern in most pairs is decisive."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    pairs = len(even)
    for enc, high in (("utf-16-le", odd), ("utf-16-be", even)):
        share = sum(1 for b in high if b in (0, 4)) / pairs
        if share >= 0.6:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    return None


def _detect(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data, cp_isolation=LIKELY_ENCODINGS).best()
    if best is not None:
        return best.encoding
    guess = chardet.detect(data, include_encodings=_CHARDET_NAMES)
    return guess.get("encoding")


def looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def normalise_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def repair(text: str) -> tuple[str, bool]:
    """Repair mojibake (UTF-8 read as cp1252/latin-1) only: ``fix_encoding`` leaves quotes, dashes
    and clean text alone, unlike ``fix_text``."""
    if not _MISREAD.search(text):
        return text, False
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


def decode_text(text: str, encoding: str = "utf-8") -> Decoded:
    """Normalise an already decoded string (e.g. a JSONL field) the same way as a file."""
    fixed, repaired = repair(normalise_newlines(text.lstrip("\ufeff")))
    return Decoded(fixed, encoding, repaired)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; raises DecodeError with a short reason."""
    if not data:
        raise DecodeError("empty file")
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                raise DecodeError(f"not valid {enc} despite its byte order mark") from None
            break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None  # not UTF-8: try the other ways below
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
    if looks_binary(text):
        raise DecodeError("binary file")
    if not text.strip():
        raise DecodeError("empty file")
    decoded = decode_text(text, encoding)
    return decoded
