"""Where on a page an element sits, and what its surroundings say about it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement

from auditor.models import Location

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


_SEPARATING = {"br", "hr", "img", "input", "button", "select", "textarea", *_BLOCKS, "ul", "ol", "dl", "dt", "tr"}


def text_segments(soup: BeautifulSoup) -> list[tuple[NavigableString, str]]:
    """Visible text joined across inline tags: `info@<b>shop</b>.de` reads `info@shop.de`.

    Each segment is the run of text between two block boundaries, with the first text
    node of the run as its anchor (for location and label).
    """
    segments: list[tuple[NavigableString, list[str]]] = []
    previous: NavigableString | None = None
    for text in visible_strings(soup):
        joined = previous is not None and not _boundary_between(previous, text)
        if joined and segments:
            segments[-1][1].append(str(text))
        else:
            segments.append((text, [str(text)]))
        previous = text
    return [(anchor, "".join(parts)) for anchor, parts in segments]


def _boundary_between(earlier: NavigableString, later: NavigableString) -> bool:
    node = earlier.next_element
    steps = 0
    while node is not None and node is not later:
        if isinstance(node, Tag) and node.name in _SEPARATING:
            return True
        if isinstance(node, Tag) and node.name in _INVISIBLE:
            return True
        steps += 1
        if steps > 50:
            return True
        node = node.next_element
    return node is None
