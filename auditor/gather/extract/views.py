"""What a page shows, as one key: two URLs that show the same view are one page to a
customer, and a URL that shows the site's "not found" view is a broken link however
its server answered (a single-page app answers 200 for every path)."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote, urlsplit

from bs4 import Tag

from auditor.gather.extract.dom import visible_strings
from auditor.gather.extract.words import route_of

# Parts of a URL shorter than this are too common to take out of a page's text ("en").
_SHORT = 3


def _own_words(url: str) -> list[str]:
    """What a view may echo of its own URL ("No page at /contatc"), longest first."""
    parts = urlsplit(url)
    route = route_of(parts.fragment)
    path = unquote(route if route is not None else parts.path).lower()
    words = {url.lower(), path, path.strip("/")}
    words.update(segment for segment in path.split("/") if len(segment) >= _SHORT)
    return sorted((w for w in words if len(w) >= _SHORT), key=len, reverse=True)


def view_of(soup: Tag, url: str, links: list[str]) -> tuple[str, bool]:
    """The page's view key (its readable text without what it echoes of its own URL, and
    where its links go) and whether it shows nothing a customer could read."""
    text = " ".join(" ".join(str(s) for s in visible_strings(soup.body or soup)).split()).lower()
    blank = not text
    for word in _own_words(url):
        text = text.replace(word, " ")
    text = " ".join(text.split())
    key = hashlib.sha1("\n".join([text, *sorted(set(links))]).encode()).hexdigest()[:16]
    return key, blank


# A view that says it is a "not found" page in its main heading (or title), in the
# languages the audit reads; a heading this short is the whole message.
_NOT_FOUND = re.compile(
    r"\b404\b|not found|page (?:does not|doesn't) exist|nicht gefunden|no encontrad[ao]|introuvable"
    r"|non trovat[ao]|não encontrad[ao]|niet gevonden|не найден|не существует|नहीं मिला|नहीं मिली|కనుగొనబడలేదు",
    re.I,
)
_HEADING_WORDS = 8


def says_not_found(soup: Tag) -> bool:
    """Whether the page's main heading says it is a "not found" page."""
    heading = soup.find("h1")
    text = " ".join(heading.get_text(" ").split()) if isinstance(heading, Tag) else ""
    if not text and soup.title is not None:
        text = " ".join(soup.title.get_text(" ").split())
    return bool(text) and len(text.split()) <= _HEADING_WORDS and bool(_NOT_FOUND.search(text))
