"""Who the site says it is: the names its pages give their owner, and whether a handle is one of them.

A page names its owner in its title, `og:site_name`, the organisation in its JSON-LD
and its copyright line; the site's domain names it too. A profile handle belongs to
the brand when, once case, accents, separators and suffixes such as "GmbH" or
"official" are set aside, it contains one of those names, is contained in one, or
shares a distinctive word with one (`velowerk_berlin` and "Velo Werk").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString

from auditor.gather.extract.dom import block_text, clean_text, in_hidden_container
from auditor.gather.extract.social import classify_link
from auditor.gather.extract.structured import owner_facts

# Legal forms and words accounts add to a name; dropped from the end (and "the"/"official" from the start).
_SUFFIX_WORDS = (
    "official officiel oficial offiziell hq gmbh mbh ltd llc llp inc corp co plc ag kg ug sa sas sarl srl spa "
    "bv nv oy ab as pvt pty limited company group page team"
)
_SUFFIXES = tuple(_SUFFIX_WORDS.split())
_PREFIXES = ("the", "official", "its", "real")
# Words that name no one: page titles and generic business words.
_GENERIC_WORDS = (
    "home homepage welcome index page start main official contact contacts about services service shop store "
    "online company group blog news gallery kontakt impressum startseite accueil inicio inizio contacto contatti "
    "главная контакты website site web the and for our your with from und der die das les des "
    "theme template demo default untitled document"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())
# Where a copyright line stops naming the owner: rights, credits and separators.
_COPYRIGHT_MARK = re.compile(r"©|&copy;|\(c\)|\bcopyright\b|\bcopr\.", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?:\s*[-–—/]\s*(?:(?:19|20)\d\d|present|now|heute)\b)?", re.I)
_OWNER_END = re.compile(
    r"[|•·,;:!]|\s[-–—]\s|\.(?:\s|$)|\b(?:all\s+rights|some\s+rights|alle\s+rechte|tous\s+droits|todos\s+los|"
    r"tutti\s+i|todos\s+os|wszelkie|tüm\s+hakları|все\s+права|design(?:ed)?|develop(?:ed|ment)?|powered|made|"
    r"created|built|crafted|template|theme|hosted|by|with|using|von|par|por|di|door|від|от)\b",
    re.I,
)


@dataclass(frozen=True)
class PageBrand:
    """The names one page gives its owner, beside its title (which the Page artifact keeps)."""

    site_names: tuple[str, ...] = ()  # og:site_name, application-name
    owner_names: tuple[str, ...] = ()  # the organisation or website `name` in JSON-LD
    copyright: tuple[str, ...] = ()  # the owner named in a "© 2024 Velo Werk" line
    declared: tuple[str, ...] = ()  # profile URLs (normalised) the organisation lists in `sameAs`


def fold(text: str) -> str:
    """`Vélo-Werk_GmbH` -> `velowerkgmbh`: letters and digits only, lower case, no accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The words of a name or a handle: `VeloWerk_Berlin` -> velo, werk, berlin."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", text)
    return [w for w in (fold(part) for part in re.split(r"[\W_]+", spaced)) if w]


def core(text: str) -> str:
    """A name folded, without legal forms and account words: `The Velo-Werk GmbH` -> `velowerk`."""
    tokens = words(text)
    while len(tokens) > 1 and tokens[0] in _PREFIXES:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    joined = "".join(tokens)
    # Handles glue the suffix on: `velowerkofficial`, `harbortoolsltd` (short ones like "co" are words' endings).
    for suffix in _SUFFIXES:
        glued = len(suffix) >= 3 or suffix == "hq"
        if glued and joined.endswith(suffix) and len(joined) - len(suffix) >= 4:
            return joined[: -len(suffix)]
    return joined


def _distinctive(tokens: Iterable[str]) -> set[str]:
    return {t for t in tokens if len(t) >= 4 and t not in _GENERIC and t not in _SUFFIXES and not t.isdigit()}


@dataclass(frozen=True)
class Brand:
    """The names a site goes by, each as its core (`velowerk`) and its distinctive words."""

    names: tuple[str, ...]

    @classmethod
    def of(cls, names: Iterable[str]) -> Brand:
        kept = [n for n in dict.fromkeys(clean_text(n) for n in names) if n and _is_a_name(n)]
        return cls(tuple(kept))

    def __bool__(self) -> bool:
        return bool(self.names)

    def matches(self, handle: str) -> bool:
        """Whether a handle (or a profile's display name) is one of the site's names."""
        mine = core(handle)
        if len(mine) < 3:
            return False
        my_words = _distinctive(words(handle)) | ({mine} if len(mine) >= 4 else set())
        for name in self.names:
            theirs = core(name)
            if (len(theirs) >= 4 and theirs in mine) or (len(theirs) == 3 and mine.startswith(theirs)):
                return True
            if len(mine) >= 4 and mine in theirs:
                return True
            if my_words & _distinctive([*words(name), theirs]):
                return True
        return False


def _is_a_name(name: str) -> bool:
    """A name says who someone is: not only generic words, not only digits, at least three letters."""
    tokens = words(name)
    return sum(ch.isalpha() for ch in "".join(tokens)) >= 3 and any(t not in _GENERIC for t in tokens)


def domain_name(domain: str) -> str:
    """`velo-werk.de` -> `velo-werk`; an IP address or a single label (localhost) names no one."""
    if "." not in domain or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", domain, re.I):
        return ""
    return domain.split(".", 1)[0]


def title_names(title: str) -> list[str]:
    """The parts of a title (`Kontakt | Velo Werk – Fahrräder`), each a name the page may go by."""
    return [p for p in (clean_text(p) for p in re.split(r"\s*[|–—·•»]\s*|\s[-/:]\s|:\s", title)) if p]


def copyright_owner(line: str) -> str:
    """The owner a copyright line names: `© 2024 Velo Werk GmbH. All rights reserved.` -> `Velo Werk GmbH`.

    Credits (`Designed by Colorlib`) come after the owner, or instead of one, and are never taken.
    """
    mark = _COPYRIGHT_MARK.search(line)
    if mark is None:
        return ""
    after = _YEARS.sub(" ", _COPYRIGHT_MARK.sub(" ", line[mark.end() :]))
    owner = clean_text(_OWNER_END.split(after, maxsplit=1)[0])
    if not owner:
        before = _YEARS.sub(" ", line[: mark.start()])
        owner = clean_text(re.split(r"[|•·,;:!]|\s[-–—]\s|\.\s", before)[-1])
    return owner if 2 <= len(owner) <= 60 else ""


def page_brand(soup: BeautifulSoup, html: str, url: str) -> PageBrand:
    """The names one page gives the site's owner, and the profiles its organisation declares."""
    site_names = []
    for meta in soup.find_all("meta", content=True):
        key = str(meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site"):
            site_names.append(clean_text(str(meta["content"])).lstrip("@"))
    facts = owner_facts(html)
    owners = []
    for text in soup.find_all(string=_COPYRIGHT_MARK, limit=10):
        if type(text) is not NavigableString or in_hidden_container(text):
            continue  # comments, scripts
        # The line around the mark: `<p>© 2024 <a>Velo Werk</a></p>` is one line.
        line = block_text(text)
        owner = copyright_owner(line if len(line) <= 300 else str(text))
        if owner:
            owners.append(owner)
    declared = []
    for profile in facts.profiles:
        found = classify_link(profile, url)
        if found is not None and found.kind == "social":
            declared.append(found.url)
    return PageBrand(
        site_names=tuple(dict.fromkeys(n for n in site_names if n)),
        owner_names=tuple(facts.names),
        copyright=tuple(dict.fromkeys(owners[:3])),
        declared=tuple(dict.fromkeys(declared)),
    )
