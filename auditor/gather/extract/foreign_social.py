"""Social links that are not the company's: a theme author's page, a placeholder, another company's profile.

A site-level decision, made once every page is read, and a conservative one: a profile
is set apart only when the site names itself clearly enough to compare (see `brand`),
its handle matches none of those names nor the site's other profiles, and something
says positively that it belongs to someone else:
- the handle is an account that themes, UI kits and site builders put in their default
  markup, or a template's placeholder (auditor/data/template_profiles.json);
- or the site links another profile on the same network that does match its name.
A profile that is only unmatched stays the company's: small businesses often go by
other names on their profiles than on their sites.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from auditor.artifacts import SocialProfile
from auditor.gather.extract.brand import Brand, domain_name, fold, title_names
from auditor.gather.extract.findings import PageFindings
from auditor.names import display_name

DATA_FILE = "template_profiles.json"
# Member profiles of people: a company page beside them does not make them foreign.
_PERSONAL = re.compile(r"linkedin\.com/(?:in|pub|profile)/", re.I)
# Ids, not names: nothing in them to compare with the brand.
_ID_ONLY = re.compile(r"/channel/|profile\.php|/profile/view|discord\.(?:gg|com)/", re.I)


@lru_cache(maxsize=1)
def template_handles() -> dict[str, str]:
    """Handle (folded) -> why a link to it is not the company's, from the bundled list."""
    data = json.loads(resources.files("auditor.data").joinpath(DATA_FILE).read_text("utf-8"))
    return {handle: kind["reason"] for kind in data["kinds"].values() for handle in kind["handles"]}


@dataclass(frozen=True)
class SiteNames:
    """What the whole site says about who it is.

    `stated` are the names the site gives itself on purpose: its domain, `og:site_name`,
    its organisation's name, its copyright line and the part of its titles that recurs
    on several pages ("… | Velo Werk"). `brand` adds every part of every title: enough
    to keep a profile that matches one, not enough to judge one that does not.
    """

    stated: Brand
    brand: Brand
    declared: frozenset[str]  # profile URLs the organisation lists in its structured data


def site_names(findings: list[PageFindings], domain: str) -> SiteNames:
    stated = [domain_name(domain)]
    titles: dict[str, list[str]] = {}
    declared: set[str] = set()
    for finding in findings:
        for part in dict.fromkeys(title_names(finding.page.title)):
            titles.setdefault(fold(part), []).append(part)
        stated += [*finding.brand.site_names, *finding.brand.owner_names, *finding.brand.copyright]
        declared.update(finding.brand.declared)
    stated += [parts[0] for parts in titles.values() if len(parts) >= 2]
    every_title = [parts[0] for parts in titles.values()]
    return SiteNames(Brand.of(stated), Brand.of([*stated, *every_title]), frozenset(declared))


def _name_of(profile: SocialProfile) -> str:
    """The part of a handle that can name someone: `Velo-Werk-100063812345678` -> `Velo-Werk`."""
    if _ID_ONLY.search(profile.url):
        return ""
    name = re.sub(r"[-_.]?\d{6,}$", "", profile.handle)
    return name if sum(ch.isalpha() for ch in name) >= 3 else ""


def _template_reason(name: str) -> str | None:
    handles = template_handles()
    folded = fold(name)
    for candidate in (folded, re.sub(r"(?:official|hq|inc|ltd)$", "", folded)):
        if candidate in handles:
            return handles[candidate]
    return None


def split_foreign(
    profiles: list[SocialProfile], findings: list[PageFindings], domain: str
) -> tuple[list[SocialProfile], list[SocialProfile]]:
    """The company's profiles, and the others, each with `not_company` saying what it is instead."""
    site = site_names(findings, domain)
    names = {p.url: _name_of(p) for p in profiles}
    templates = {p.url: reason for p in profiles if (reason := _template_reason(names[p.url])) is not None}
    # Profiles the site's own names (or its structured data) show to be the company's.
    stated = {p.url for p in profiles if p.url in site.declared or (names[p.url] and site.stated.matches(names[p.url]))}
    own, foreign = [], []
    for profile in profiles:
        name = names[profile.url]
        if not name or profile.url in site.declared:
            own.append(profile)
            continue
        others = [names[p.url] for p in profiles if p.url != profile.url and p.url not in templates]
        evidence = Brand.of([*site.brand.names, *others])
        reason = _foreign_reason(profile, profiles, templates, stated) if site.stated else None
        if reason is None or evidence.matches(name):
            own.append(profile)
            continue
        foreign.append(profile.model_copy(update={"not_company": reason}))
    return own, foreign


def _foreign_reason(
    profile: SocialProfile, profiles: list[SocialProfile], templates: dict[str, str], stated: set[str]
) -> str | None:
    if profile.url in templates:
        return templates[profile.url]
    if _PERSONAL.search(profile.url):
        return None
    same_network = (p for p in profiles if p.network == profile.network and p.url != profile.url)
    sibling = next((p for p in same_network if p.url in stated), None)
    if sibling is None:
        return None
    own = f"{display_name(profile.network)} profile is {sibling.url.split('://', 1)[-1]}"
    return f"a profile that shares nothing with the site's name (the site's own {own})"
