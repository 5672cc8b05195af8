"""Where on a page an element sits, and what its surroundings say about it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement

from auditor.artifacts import Location

# Not "head": libxml2 leaves HTML5 elements (<main>, <header>) that follow a <script>
# in <head> when a page has no <body> tag, where a browser would show them.
_INVISIBLE = {"script", "style", "noscript", "template", "title", "svg"}
_FOOTER_HINT = re.compile(r"(?:^|[\s_-])(?:footer|site-footer|page-footer|colophon)(?:$|[\s_-])", re.I)
_HEADER_HINT = re.compile(r"(?:^|[\s_-])(?:header|masthead|topbar|top-bar)(?:$|[\s_-])", re.I)
_NAV_HINT = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|navigation)(?:$|[\s_-])", re.I)
_WIDGET_HINT = re.compile(r"(?:chat|widget|launcher|messenger)", re.I)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _hints(tag: Tag) -> str:
    return " ".join([str(tag.get("id") or ""), *tag.get_attribute_list("class")])


def location_of(element: PageElement) -> Location:
    """The page region a customer would see the element in.

    Semantic elements and ARIA landmarks decide first; class and id names
    ("site-footer") are used for sites built from <div>s.
    """
    found: Location | None = None
    node = element if isinstance(element, Tag) else element.parent
    while isinstance(node, Tag) and node.name not in ("body", "html", "[document]"):
        role = str(node.get("role") or "").lower()
        hints = _hints(node)
        if node.name == "footer" or role == "contentinfo":
            return "footer"
        if node.name == "nav" or role == "navigation":
            found = found or "nav"
        elif node.name == "header" or role == "banner":
            return found or "header"
        elif node.name in ("main", "article") or role == "main":
            return found or "main"
        elif _FOOTER_HINT.search(hints):
            return "footer"
        elif _HEADER_HINT.search(hints):
            found = found or "header"
        elif _NAV_HINT.search(hints):
            found = found or "nav"
        elif _WIDGET_HINT.search(hints) and found is None:
            found = "widget"
        node = node.parent
    return found or "main"


def visible_strings(soup: Tag) -> list[NavigableString]:
    """Text nodes a customer can read: no comments, scripts, styles or trackers."""
    out: list[NavigableString] = []
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or not isinstance(text, NavigableString):
            continue
        if type(text) is not NavigableString:  # CData, doctype, processing instructions
            continue
        parent = text.parent
        if parent is None or any(p.name in _INVISIBLE for p in [parent, *parent.parents] if isinstance(p, Tag)):
            continue
        if text.strip():
            out.append(text)
    return out


_BLOCKS = ("li", "p", "dd", "td", "th", "address", "div", "section", "footer", "header")


def block_text(element: PageElement) -> str:
    """Text of the nearest block around an element (a list item, paragraph, cell)."""
    node = element if isinstance(element, Tag) else element.parent
    block = node if isinstance(node, Tag) and node.name in _BLOCKS else None
    if block is None and node is not None:
        block = node.find_parent(_BLOCKS)
    if block is None:
        return str(element.get_text(" ") if isinstance(element, Tag) else element)
    return block.get_text(" ", strip=True)


def clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Sections that present other people: a portfolio of clients, testimonials, the team.
# The accounts linked there are theirs, not channels of the company.
_OTHERS_HINT = re.compile(
    r"(?:^|[\s_-])(?:portfolio|clients?|customers?|testimonials?|case-stud(?:y|ies)|showcase|partners?|sponsors?|"
    r"our-work|team|staff|doctors?|members?|authors?|reviews?)(?:$|[\s_-])",
    re.I,
)


def in_others_section(element: PageElement) -> bool:
    """Inside a section about other people (`class="portfolio-slide"`, `id="our-team"`)."""
    return any(isinstance(p, Tag) and _OTHERS_HINT.search(_hints(p)) for p in [element, *element.parents])


def in_hidden_container(element: PageElement) -> bool:
    """Inside markup a customer never sees: <noscript> trackers, <template>, <script>."""
    return any(isinstance(p, Tag) and p.name in _INVISIBLE for p in element.parents)


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "strong", "b", "label")


def heading_before(element: PageElement, limit: int = 40) -> str:
    """The short heading or term right before an element's block (`<dt>Support</dt><dd>...`)."""
    node = element if isinstance(element, Tag) else element.parent
    block = node if isinstance(node, Tag) and node.name in _BLOCKS else None
    if block is None and node is not None:
        block = node.find_parent(_BLOCKS)
    if block is None:
        return ""
    previous = block.find_previous_sibling()
    if isinstance(previous, Tag) and previous.name in _HEADINGS:
        text = clean_text(previous.get_text(" "))
        return text if 0 < len(text) <= limit else ""
    return ""


# Elements a browser lays out as their own box (or that stand between words: a line
# break, an image, a control): text on either side of one never reads as one word.
_SEPARATING = {
    *_BLOCKS,
    *("h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "article", "aside", "nav", "main", "blockquote"),
    *("figure", "figcaption", "details", "summary", "dialog", "form", "fieldset", "legend", "pre"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "dt", "menu", "center"),
    *("option", "optgroup", "br", "hr", "img", "picture", "video", "audio", "canvas", "iframe"),
    *("object", "embed", "input", "button", "select", "textarea", "meter", "progress"),
}


@dataclass
class TextRun:
    """Visible text as one line of reading: inline tags joined, blocks and breaks apart.

    `anchor` is the run's first text node (for location and label); `joints` are the
    offsets in `text` where a text node of another element begins without a space, so
    a match that crosses one can be told from what the page shows in one piece.
    """

    anchor: NavigableString
    text: str
    joints: list[int]


def text_runs(soup: Tag) -> list[TextRun]:
    """Visible text segmented as a browser lays it out.

    `info@<b>shop</b>.de` reads `info@shop.de`; `<h5>Contact</h5><a>sales@shop.de</a>`,
    `<p>Write to us.</p><a>...` and `Email<br>sales@...` are two runs, and the white
    space between two inline elements stays a space, as on screen.
    """
    runs: list[TextRun] = []
    anchor: NavigableString | None = None
    parts: list[str] = []
    joints: list[int] = []
    length = 0

    def flush() -> None:
        nonlocal anchor, parts, joints, length
        if anchor is not None:
            runs.append(TextRun(anchor, "".join(parts), joints))
        anchor, parts, joints, length = None, [], [], 0

    stack: list[tuple[PageElement, bool]] = [(soup, True)]
    while stack:
        node, entering = stack.pop()
        if isinstance(node, Tag):
            if node.name in _INVISIBLE:
                flush()
                continue
            if node.name in _SEPARATING:
                flush()
            if entering:
                stack.append((node, False))
                stack.extend((child, True) for child in reversed(node.contents))
            continue
        if type(node) is not NavigableString:  # comments, CData, doctype
            continue
        text = str(node)
        if not text.strip():
            if parts and not parts[-1].endswith(" "):
                parts.append(" ")
                length += 1
            continue
        if anchor is None:
            anchor = node
        elif not parts[-1][-1:].isspace() and not text[:1].isspace():
            joints.append(length)
        parts.append(text)
        length += len(text)
    flush()
    return runs


def text_segments(soup: BeautifulSoup) -> list[tuple[NavigableString, str]]:
    """Each visible run of text with its first text node (see `text_runs`)."""
    return [(run.anchor, run.text) for run in text_runs(soup)]
