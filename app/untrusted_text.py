"""The one sanitiser for untrusted text (feed, article, file and URL text) on its way to a
terminal or into JSON.

A terminal obeys control characters (ESC sequences, BEL, C1) and reorders or hides text for
bidi and zero-width format characters, so each of them is shown as U+FFFD instead. One
character becomes one character, so offsets into a document still hold.
"""

from __future__ import annotations

import re
from typing import TextIO

REPLACEMENT = "\ufffd"

# What a terminal may act on or show as nothing: C0 (but newline and tab), DEL, C1, and the
# format characters (Unicode Cf: soft hyphen, bidi controls and isolates, zero-width
# characters, BOM, tags), line and paragraph separators, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)
_LINE_BREAKS = re.compile(r"[\n\t]")
# The unsafe characters of ASCII: C0 but newline and tab, and DEL.
_ASCII_UNSAFE = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])


def _safe_ascii(text: str) -> bool:
    """Whether `text` is ASCII with no unsafe character: most text, told in C several times
    faster than _UNSAFE's scan (which matters at hundreds of MB of JSON)."""
    if not text.isascii():
        return False
    raw = text.encode("ascii")
    return len(raw.translate(None, _ASCII_UNSAFE)) == len(raw)


def visible(value: object, *, keep_lines: bool = True) -> str:
    """`value` as text a terminal shows literally; newlines and tabs kept unless not wanted."""
    text = "" if value is None else str(value)
    if not _safe_ascii(text):
        text = _UNSAFE.sub(REPLACEMENT, text)
    return text if keep_lines else _LINE_BREAKS.sub(" ", text)


def json_escaped(text: str) -> str:
    """JSON text with every unsafe character as a \\uXXXX escape (it can only be inside a
    string), so the JSON means the same but prints harmlessly."""
    return text if _safe_ascii(text) else _UNSAFE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as JSON writes characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


class SafeStream:
    """A text stream that passes everything written through `visible`: whatever a command
    prints (a source's URL, an error that quotes a feed, a log line) cannot drive the
    terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(self.cleaned(text))
        return len(text)

    @staticmethod
    def cleaned(text: str) -> str:
        return visible(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class JsonStream(SafeStream):
    """A stream for JSON text: every unsafe character written is escaped as \\uXXXX, so the
    JSON keeps the text exactly and still prints harmlessly (json_escaped). Over a SafeStream
    it writes to the stream beneath: what it writes holds nothing for `visible` to replace."""

    def __init__(self, stream: TextIO) -> None:
        while isinstance(stream, SafeStream):
            stream = stream._stream
        super().__init__(stream)

    @staticmethod
    def cleaned(text: str) -> str:
        return json_escaped(text)
