"""What a check is: its metadata, its input (only the artifacts it asked for) and its outcome."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from auditor.artifacts import (
    ChatWidget,
    ContactLinkProblem,
    ContactPage,
    Email,
    Form,
    Messenger,
    OpeningHours,
    Page,
    Phone,
    Probe,
    ResponsePromise,
    SiteArtifacts,
    SiteInfo,
    SocialProfile,
)
from auditor.messages import Messages as Messages  # a check's words, which reports translate
from auditor.messages import Phrase as Phrase

Mode = Literal["binary", "numeric", "informative"]
ARTIFACTS = (
    "pages",
    "emails",
    "phones",
    "contact_pages",
    "forms",
    "chat_widgets",
    "social",
    "messengers",
    "opening_hours",
    "probes",
    "response_promises",
    "link_problems",
)


@dataclass(frozen=True)
class CheckMeta:
    id: str
    category: str
    title: str
    failure_title: str
    requires: tuple[str, ...]
    weight: float = 1.0
    mode: Mode = "binary"
    # Tunable numbers (curve points, thresholds); users override them per check in config.
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass
class Evidence:
    url: str = ""
    selector: str = ""
    snippet: str = ""
    screenshot: str | None = None


@dataclass
class Outcome:
    """A check's verdict. `score` is 0..1, or None when the check does not apply."""

    score: float | None
    # Plain English, or a `Phrase` from the check's `Messages`, which reports can translate.
    display_value: str = ""
    explanation: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @classmethod
    def not_applicable(cls, explanation: str) -> Outcome:
        return cls(score=None, explanation=explanation)


class UndeclaredArtifactError(AttributeError):
    """A check read an artifact it did not list in `requires`."""


class CheckInput:
    """The artifacts a check declared, and nothing else, so its needs stay honest."""

    def __init__(
        self, artifacts: SiteArtifacts, requires: tuple[str, ...], options: Mapping[str, Any] | None = None
    ) -> None:
        self._artifacts = artifacts
        self._requires = frozenset(requires)
        self.options: Mapping[str, Any] = MappingProxyType(dict(options or {}))

    def _need(self, name: str) -> None:
        if name not in self._requires:
            raise UndeclaredArtifactError(f"the check reads '{name}' but does not list it in requires")

    @property
    def site(self) -> SiteInfo:
        return self._artifacts.site

    @property
    def pages(self) -> list[Page]:
        self._need("pages")
        return self._artifacts.pages

    @property
    def html_pages(self) -> list[Page]:
        self._need("pages")
        return self._artifacts.html_pages

    @property
    def emails(self) -> list[Email]:
        self._need("emails")
        return self._artifacts.channels.emails

    @property
    def phones(self) -> list[Phone]:
        self._need("phones")
        return self._artifacts.channels.phones

    @property
    def contact_pages(self) -> list[ContactPage]:
        self._need("contact_pages")
        return self._artifacts.channels.contact_pages

    @property
    def forms(self) -> list[Form]:
        self._need("forms")
        return self._artifacts.channels.forms

    @property
    def chat_widgets(self) -> list[ChatWidget]:
        self._need("chat_widgets")
        return self._artifacts.channels.chat_widgets

    @property
    def social(self) -> list[SocialProfile]:
        self._need("social")
        return self._artifacts.channels.social

    @property
    def foreign_social(self) -> list[SocialProfile]:
        """Social links on the site that are not the company's (a theme's page, a placeholder)."""
        self._need("social")
        return self._artifacts.channels.foreign_social

    @property
    def messengers(self) -> list[Messenger]:
        self._need("messengers")
        return self._artifacts.channels.messengers

    @property
    def opening_hours(self) -> list[OpeningHours]:
        self._need("opening_hours")
        return self._artifacts.channels.opening_hours

    @property
    def probes(self) -> list[Probe]:
        self._need("probes")
        return self._artifacts.probes

    @property
    def response_promises(self) -> list[ResponsePromise]:
        self._need("response_promises")
        return self._artifacts.channels.response_promises

    @property
    def link_problems(self) -> list[ContactLinkProblem]:
        self._need("link_problems")
        return self._artifacts.channels.link_problems


# Categories a check may belong to, in the report's order.
CATEGORY_TITLES = {
    "findability": "Findability",
    "coverage": "Coverage",
    "clarity": "Clarity",
    "responsiveness": "Responsiveness",
    "human-touch": "Human touch",
    "care": "Care",
}


# Helpers a check may use.


# z-score of the 10th percentile of a standard normal distribution.
_Z_P10 = 1.2815515655446004


def log_normal_score(value: float, p10: float, median: float) -> float:
    """Score a duration on a log-normal curve, as Lighthouse scores its timings.

    The `median` scores 0.5 and the `p10` value (what the best tenth achieve) 0.9;
    faster is better, and the score falls smoothly towards 0 for slow values.
    """
    if not 0 < p10 < median:
        raise ValueError(f"curve points need 0 < p10 < median, got p10={p10}, median={median}")
    if value <= 0:
        return 1.0
    sigma = (math.log(median) - math.log(p10)) / _Z_P10
    standardized = (math.log(value) - math.log(median)) / (math.sqrt(2) * sigma)
    return max(0.0, min(1.0, math.erfc(standardized) / 2))


def human_duration(seconds: float) -> str:
    """`90` -> `1 min 30 s`, `100000` -> `1 d 3 h`: how long it took, for people."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size} {unit}")
            seconds %= size
    return " ".join(parts[:2])
