"""The few shapes a site page's text may take: headings, paragraphs and bulleted lists.

The accessibility statement, privacy notice and contact page are written by the Commissioner's
team in a plain text box. Four rules, and no HTML (what is typed is shown as typed, so nothing
typed can become markup):

- a blank line ends a paragraph; a single line break stays a line break (an address);
- a line starting ``## `` is a heading (``### `` a heading below it);
- lines starting ``- `` or ``* `` are the items of one bulleted list;
- web and e-mail addresses become links (done by the template's ``urlize``).

:func:`blocks` splits the text into those shapes; the template draws them. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADING = "h2"
SUBHEADING = "h3"
PARAGRAPH = "p"
LIST = "ul"
_BULLETS = ("- ", "* ")


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list of a page: its kind and its lines (or list items)."""

    kind: str
    lines: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    """Return the headings, paragraphs and lists of ``text``, in order."""
    found: list[Block] = []
    kind, lines = "", []

    def close() -> None:
        nonlocal kind, lines
        if lines:
            found.append(Block(kind, tuple(lines)))
        kind, lines = "", []

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("### ") or line.startswith("## "):
            close()
            level, _, words = line.partition(" ")
            found.append(Block(SUBHEADING if level == "###" else HEADING, (words.strip(),)))
        elif line.startswith(_BULLETS):
            if kind != LIST:
                close()
                kind = LIST
            lines.append(line[2:].strip())
        else:
            if kind != PARAGRAPH:
                close()
                kind = PARAGRAPH
            lines.append(line)
    close()
    return found


def headings(text: str) -> list[str]:
    """Return the text's headings (either level), in order: a page's contents."""
    return [b.lines[0] for b in blocks(text) if b.kind in (HEADING, SUBHEADING)]
