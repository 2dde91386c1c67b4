"""Same-length folding of text so that one set of patterns matches accented and plain spellings.

Every character maps to exactly one character, so offsets in the folded text are offsets in the
original: patterns run on the folded text, spans are reported against the original.
"""

from __future__ import annotations

import re
import unicodedata

_PAIRS = {
    "áàâäãå": "a",
    "ÁÀÂÄÃÅ": "A",
    "éèêë": "e",
    "ÉÈÊË": "E",
    "íìîï": "i",
    "ÍÌÎÏ": "I",
    "óòôöõ": "o",
    "ÓÒÔÖÕ": "O",
    "úùûü": "u",
    "ÚÙÛÜ": "U",
    "ñ": "n",
    "Ñ": "N",
    "ç": "c",
    "Ç": "C",
    "’‘‛`´": "'",
    "“”„«»": '"',
    "–—―‒−": "-",
    "\u00a0\u202f\u2009\u2007\t": " ",
}

_TABLE = {ch: target for chars, target in _PAIRS.items() for ch in chars}
# Styled letters and digits of social media posts ('𝗺á𝘀 𝗱𝗲 𝟭𝟰.𝟬𝟬𝟬'): each is one character of the
# mathematical alphanumeric block that stands for one plain letter or digit.
_TABLE.update(
    {
        chr(code): plain
        for code in range(0x1D400, 0x1D800)
        if len(plain := unicodedata.normalize("NFKC", chr(code))) == 1 and plain.isascii()
    }
)
# Only tabs and non-ASCII characters can need folding; substituting just those is much faster
# than str.translate over mostly-ASCII text.
_NEEDS_FOLDING_RE = re.compile(r"[^\x00-\x08\x0a-\x7f]")


def _replacement(match: re.Match[str]) -> str:
    return _TABLE.get(match[0], match[0])


def fold(text: str) -> str:
    """Accents off, curly quotes straight, dashes to '-', odd spaces to ' '; length unchanged."""
    if text.isascii() and "\t" not in text:
        return text  # nothing to fold (isascii and find run at memory speed)
    return _NEEDS_FOLDING_RE.sub(_replacement, text)
