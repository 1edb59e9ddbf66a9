"""An FAQ answer's rich text as chat text: what WhatsApp and the web chat can show.

Chats have no HTML, only lines. Paragraphs stay paragraphs (a blank line between them), each
list item gets a line of its own ("• " or "1. ", indented when nested), ``<br>`` is a line
break, and the rest (bold, italic, links) keeps only its words. Entities are decoded once
here; whoever shows the text escapes it.
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})


class _ChatText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []  # finished blocks, each one or more lines
        self.lines: list[str] = []  # lines of the block being written
        self.words: list[str] = []  # text of the line being written
        self.marker = ""  # what the line starts with: a list item's indent and bullet
        self.lists: list[list] = []  # open lists: [tag, next number]
        self.skipping = 0  # inside <script>/<style>: not text

    def _end_line(self) -> None:
        line = " ".join("".join(self.words).split())
        if line:
            self.lines.append(self.marker + line)
        self.words, self.marker = [], ""

    def _end_block(self) -> None:
        self._end_line()
        if self.lines:
            self.blocks.append("\n".join(self.lines))
            self.lines = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag in BLOCKS:
            self._end_block()
        elif tag in ("ul", "ol"):
            if not self.lists:
                self._end_block()
            else:
                self._end_line()
            self.lists.append([tag, 1])
        elif tag == "li":
            self._end_line()
            depth = max(len(self.lists) - 1, 0)
            marker = "• "
            if self.lists and self.lists[-1][0] == "ol":
                marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            self.marker = "   " * depth + marker
        elif tag == "br":
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skipping = max(self.skipping - 1, 0)
        elif tag in BLOCKS:
            self._end_block()
        elif tag in ("ul", "ol"):
            self._end_line()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._end_block()
        elif tag == "li":
            self._end_line()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.words.append(data)

    def text(self) -> str:
        self.close()
        self._end_block()
        return "\n\n".join(self.blocks)


def chat_text(html: str) -> str:
    """``<p>Bawa:</p><ul><li>KK;</li><li>KTP.</li></ul>`` → ``"Bawa:\\n\\n• KK;\\n• KTP."``"""
    parser = _ChatText()
    parser.feed(html or "")
    return parser.text()
