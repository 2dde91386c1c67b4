"""Feed and article text is untrusted: shown as plain text, never as markup or control codes."""

from __future__ import annotations

from rich.text import Text

from app.untrusted_text import visible


def clean(value: object, *, keep_lines: bool = False) -> str:
    """Each control or invisible format character becomes U+FFFD, so offsets still hold."""
    return visible(value, keep_lines=keep_lines)


def plain(value: object, style: str = "") -> Text:
    """A Rich Text that renders `value` literally: `[bold]` stays `[bold]`."""
    return Text(clean(value), style=style, no_wrap=True, overflow="ellipsis")
