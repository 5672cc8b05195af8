"""The report's own words in the reader's language: one JSON catalogue per language.

This catalogue translates the report chrome (headings, labels, table headers, band
names, the ids of page regions, corners and form fields); `check_texts` translates the
shipped checks' titles, descriptions, recommendations and what they found (display
values and explanations). Evidence is shown as written.
A catalogue is a flat map of keys to texts with `{name}` placeholders; a key ending in
`_one`/`_other` is a plural pair, picked by `plural()`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

DEFAULT_LANGUAGE = "en"

# CLDR's cardinal rules for the languages we ship: Hindi counts 0 like 1 ("0 कमी").
PLURAL_ONE: dict[str, Callable[[int], bool]] = {
    "en": lambda n: n == 1,
    "hi": lambda n: n in (0, 1),
}


class UnknownLanguageError(ValueError):
    """No catalogue for the language asked for."""


@dataclass(frozen=True)
class Catalogue:
    lang: str
    texts: Mapping[str, str]
    fallback: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        """The text for `key` with its placeholders filled; values are not re-read as placeholders."""
        return self.raw(key).format_map(values) if values else self.raw(key)

    def raw(self, key: str) -> str:
        """The text as written in the catalogue, placeholders untouched."""
        if key in self.texts:
            return self.texts[key]
        return self.fallback[key]  # a KeyError here is a typo in a template: let tests catch it

    def plural(self, key: str, count: int, **values: object) -> str:
        """`plural("page", 2)` -> "2 pages"; the count is available as `{n}`."""
        form = "one" if PLURAL_ONE.get(self.lang, PLURAL_ONE["en"])(count) else "other"
        return self(f"{key}_{form}", n=f"{count:,}", **values)

    def word(self, group: str, value: str) -> str:
        """A stored id shown as a word, `word("loc", "footer")`; an id the catalogue does not know as it is."""
        key = f"{group}_{value}"
        return self.texts.get(key) or self.fallback.get(key, value)

    def render_reason(self, reason: str) -> str:
        """Why a page was or was not rendered, recorded in English by the crawl
        (`Page.render_reason`), in this language; a reason the catalogue does not know as written."""
        for key, pattern in _render_reasons():
            match = pattern.fullmatch(reason)
            if match is not None:
                return self(key, **match.groupdict())
        return reason

    @property
    def months(self) -> list[str]:
        return self.raw("months").split(",")


def languages() -> tuple[str, ...]:
    """The languages a report can be written in: one catalogue file each."""
    names = (entry.name for entry in files(__name__).iterdir())
    return tuple(sorted(name.removesuffix(".json") for name in names if name.endswith(".json")))


@cache
def _texts(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads(files(__name__).joinpath(f"{lang}.json").read_text(encoding="utf-8"))
    return data


@cache
def _render_reasons() -> list[tuple[str, re.Pattern[str]]]:
    """The English render reasons as patterns, their placeholders (a URL, hooks, a count) captured."""
    out = []
    for key, text in _texts(DEFAULT_LANGUAGE).items():
        if key.startswith("render_reason_"):
            parts = re.split(r"{(\w+)}", text)  # text, name, text, name, ...
            pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
            out.append((key, re.compile(pattern, re.DOTALL)))
    return out


def catalogue(lang: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The catalogue for `lang`; English fills any key a translation lacks."""
    if lang not in languages():
        raise UnknownLanguageError(f"unknown report language '{lang}'; choose from {', '.join(languages())}")
    return Catalogue(lang=lang, texts=_texts(lang), fallback=_texts(DEFAULT_LANGUAGE))
