"""What in a page can change it after it loads: its scripts, frames and mount nodes.

Pages with the same scripts (external URLs without their query, and the shape of
inline code without its literals) and frames are changed by JavaScript in the same
way; an app shell's raw HTML says nothing about what it shows.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.gather.extract.dom import visible_strings
from auditor.gather.extract.words import route_of

# String and number literals differ per page (ids, nonces, titles) in code that does the
# same thing everywhere: they are left out of an inline script's shape.
_LITERALS = re.compile(r"""(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`|\b\d[\d.]*\b)""")
_NOT_CODE = {"application/ld+json", "application/json", "text/template", "text/x-template", "importmap"}
# Mount nodes of single-page-app frameworks.
_MOUNT_IDS = {"root", "app", "__next", "__nuxt", "___gatsby", "svelte", "q-app", "main-app"}
_MOUNT_TAGS = ("app-root",)
# Below this much visible text a page with scripts is a shell its scripts fill.
_SHELL_TEXT = 200
# A body with scripts and hardly a word of its own ("Loading…") is a shell too.
_EMPTY = 40


def _script_shape(code: str) -> str:
    return hashlib.sha1(" ".join(_LITERALS.sub("_", code).split()).encode()).hexdigest()[:12]


def script_signature(soup: BeautifulSoup, url: str) -> frozenset[str]:
    """What in a page can change it after it loads: its scripts and frames."""
    parts: set[str] = set()
    for script in soup.find_all("script"):
        kind = str(script.get("type") or "").strip().lower()
        if kind in _NOT_CODE:
            continue
        src = str(script.get("src") or "").strip()
        if src:
            absolute = urlsplit(urljoin(url, src))
            parts.add(f"src:{absolute.netloc}{absolute.path}")
        elif script.string and script.string.strip():
            parts.add(f"inline:{_script_shape(script.string)}")
    for frame in soup.find_all("iframe", src=True):
        absolute = urlsplit(urljoin(url, str(frame["src"])))
        parts.add(f"frame:{absolute.netloc}{absolute.path}")
    for handler in soup.find_all(onload=True):
        parts.add(f"onload:{_script_shape(str(handler['onload']))}")
    return frozenset(parts)


def script_hooks(soup: BeautifulSoup) -> frozenset[str]:
    """The handles a script can use to change one page and not another: `data-*`
    attribute names and element ids (ids with digits are per-item names, left out)."""
    hooks: set[str] = set()
    body = soup.body or soup
    for element in body.find_all(True):
        for name in element.attrs:
            if name.startswith("data-"):
                hooks.add(name)
        element_id = element.get("id")
        if isinstance(element_id, str) and element_id and not any(ch.isdigit() for ch in element_id):
            hooks.add(f"#{element_id}")
    return frozenset(hooks)


def names_of(url: str) -> list[str]:
    """How a script could name this page: its path, without its extension, its last part."""
    path = urlsplit(url).path
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    last = stem.rstrip("/").rsplit("/", 1)[-1]
    names = [path, stem] if len(stem) > 1 else []
    if len(last) >= 5 and last not in ("index", "default", "home"):
        names.append(last)
    return list(dict.fromkeys(names))


def names_page(text: str, url: str) -> bool:
    """Whether a script's `text` names this page (one of `names_of`) as a whole name: a
    list that holds `item-50`, `/blog/post-42` or `/shop/bikes/` names neither `item-5`,
    `/blog/post-4` nor the listing `/shop/`."""
    for name in names_of(url):
        head = r"(?<![\w-])" if name[0].isalnum() else ""
        if re.search(head + re.escape(name) + r"(?![\w%/-])", text):
            return True
    return False


def is_app_shell(soup: BeautifulSoup, signature: frozenset[str]) -> bool:
    """An empty mount node (`<div id="root">`, `<app-root>`) and scripts, or a page whose
    scripts are all there is: its raw HTML says nothing about what it shows."""
    if not any(part.startswith(("src:", "inline:")) for part in signature):
        return False
    body = soup.body or soup
    text = " ".join(body.get_text(" ").split()) if isinstance(body, Tag) else ""
    for mount in [*body.find_all(id=lambda v: bool(v) and str(v).lower() in _MOUNT_IDS), *body.find_all(_MOUNT_TAGS)]:
        if len(" ".join(mount.get_text(" ").split())) < _SHELL_TEXT:
            return True
    visible = " ".join(" ".join(str(s) for s in visible_strings(body)).split())
    return len(visible) < _EMPTY and len(text) < _SHELL_TEXT


def section_of(url: str) -> str:
    """The part of a site a page sits in: `/shop/bikes/7` -> `/shop`, a hash route by its own first part."""
    parts = urlsplit(url)
    path = parts.path
    route = route_of(parts.fragment)
    if route is not None:
        path = route
    segments = [s for s in path.split("/") if s]
    return "/" + segments[0] if len(segments) > 1 else "/"
