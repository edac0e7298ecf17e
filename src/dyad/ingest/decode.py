"""Bytes to text: UTF-8 first, UTF-16 when its marks show, cp1252 or latin-1 as a noted fallback.

News archives are a mix: UTF-8 with or without a byte-order mark, Windows exports in UTF-16
(often without a BOM), and old pages in cp1252. Every fallback is recorded as a note so a user
can see that a document's curly quotes may have been guessed.

>>> decode_bytes("Beirut \u2014 talks".encode("utf-16")).text
'Beirut \u2014 talks'
>>> decode_bytes(b"caf\\xe9").notes
('decoded as cp1252: not valid UTF-8',)
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from dyad.errors import InputError

SAMPLE = 4096  # bytes looked at to tell text from binary and to guess UTF-16
# Order matters: the UTF-32 little-endian mark starts with the UTF-16 one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")  # control bytes that plain text does carry


@dataclass(frozen=True)
class Decoded:
    text: str
    notes: tuple[str, ...] = ()


def decode_bytes(data: bytes) -> Decoded:
    """Decode one whole document; raise ``InputError`` for binary data.

    >>> decode_bytes("A\u00e9".encode("utf-16-le")).notes
    ('decoded as utf-16-le: no byte-order mark, guessed from NUL bytes',)
    """
    codec = sniff(data[:SAMPLE])
    if codec is None or codec == "utf-8-sig":
        text, note = decode_line(data.removeprefix(codecs.BOM_UTF8))
        return Decoded(text, (note,) if note else ())
    try:
        return Decoded(data.decode(codec), _codec_notes(data, codec))
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {codec}: {error.reason} at byte {error.start}") from error


def sniff(head: bytes) -> str | None:
    """The codec that the first bytes call for (a BOM or UTF-16's NUL pattern), None for plain 8-bit text.

    Raise ``InputError`` when the bytes look binary rather than text.

    >>> sniff(b"plain text") is None
    True
    """
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec
    guessed = _utf16_without_bom(head)
    if guessed is not None:
        return guessed
    _refuse_binary(head)
    return None


def decode_line(data: bytes) -> tuple[str, str | None]:
    """Decode 8-bit text: UTF-8, else cp1252, else latin-1 (which never fails), with a note on fallback."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "decoded as cp1252: not valid UTF-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "decoded as latin-1: not valid UTF-8 or cp1252"


def _codec_notes(data: bytes, codec: str) -> tuple[str, ...]:
    if any(data.startswith(bom) for bom, _ in BOMS):
        return ()
    return (f"decoded as {codec}: no byte-order mark, guessed from NUL bytes",)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text in Latin script has a NUL in every other byte (the high byte of ASCII letters).

    Text in other scripts still has NULs on the same side for its spaces and digits, so a NUL
    share of a tenth on one side and almost none on the other is the signal; a strict trial
    decode that must give printable text keeps binary files with NUL runs out.
    """
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0 : 2 * pairs : 2].count(0) / pairs
    odd = head[1 : 2 * pairs : 2].count(0) / pairs
    if odd >= 0.1 and even <= 0.02:
        codec = "utf-16-le"
    elif even >= 0.1 and odd <= 0.02:
        codec = "utf-16-be"
    else:
        return None
    return codec if _printable(head[: 2 * pairs], codec) else None


def _printable(sample: bytes, codec: str) -> bool:
    text = sample.decode(codec, errors="replace")
    good = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r")
    return good >= 0.95 * len(text)


def _refuse_binary(head: bytes) -> None:
    if 0 in head:
        raise InputError("binary file: NUL bytes in the first 4 KB and not UTF-16 text")
    controls = sum(1 for byte in head if byte < 32 and byte not in TEXT_CONTROLS)
    if head and controls > 0.05 * len(head):
        share = round(100 * controls / len(head))
        raise InputError(f"binary file: {share}% control bytes in the first 4 KB")
