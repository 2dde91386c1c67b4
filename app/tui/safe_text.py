"""Feed and article text is untrusted: shown as plain text, never as markup or control codes."""

from __future__ import annotations

import re

from rich.text import Text

# C0 and C1 control characters (and DEL), except newline and tab, which the document view keeps.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\n\t]")


def clean(value: object, *, keep_lines: bool = False) -> str:
    """Each control character becomes U+FFFD, so offsets into the text still hold."""
    text = _CONTROL.sub("\ufffd", "" if value is None else str(value))
    return text if keep_lines else _LINE_BREAKS.sub(" ", text)


def plain(value: object, style: str = "") -> Text:
    """A Rich Text that renders `value` literally: `[bold]` stays `[bold]`."""
    return Text(clean(value), style=style, no_wrap=True, overflow="ellipsis")
