"""Contacts a page states as data: schema.org JSON-LD and microdata, and hCard microformats.

High precision, low coverage: a source, not the source. Only syntaxes that parse
locally are read (RDFa is left out because its parser may fetch vocabularies), so
nothing here fetches or runs anything the page names.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from auditor.gather.extract.dom import clean_text

_HINTS = re.compile(r"application/ld\+json|itemscope|\bvcard\b|\bh-card\b", re.I)
_SYNTAXES = {"microdata": "microdata", "microformat": "hcard"}
_JSONLD = re.compile(r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_ADDRESS_PARTS = {
    "street": ("streetAddress", "street-address"),
    "locality": ("addressLocality", "locality"),
    "region": ("addressRegion", "region"),
    "postal_code": ("postalCode", "postal-code"),
    "country": ("addressCountry", "country-name"),
}


@dataclass
class StructuredAddress:
    text: str
    source: str
    parts: dict[str, str] = field(default_factory=dict)


@dataclass
class StructuredContacts:
    """What the page's structured data says, each item with the syntax it came from."""

    emails: list[tuple[str, str, str | None]] = field(default_factory=list)  # value, source, label
    phones: list[tuple[str, str, str | None]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    addresses: list[StructuredAddress] = field(default_factory=list)
    opening_hours: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def country(self) -> str:
        """The country the organisation states, for reading national phone numbers."""
        return next((a.parts["country"] for a in self.addresses if a.parts.get("country")), "")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        for key in ("@id", "url", "value", "name"):
            if isinstance(value.get(key), str):
                return [value[key]]
    return []


def _props(item: dict[str, Any]) -> dict[str, Any]:
    """microdata and microformats keep values under `properties`; JSON-LD does not."""
    props = item.get("properties")
    return props if isinstance(props, dict) else item


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child)


def _first(props: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        values = _strings(props.get(name))
        if values:
            return clean_text(values[0])
    return ""


def _address(value: Any, source: str) -> StructuredAddress | None:
    if isinstance(value, str):
        text = clean_text(value)
        return StructuredAddress(text, source) if len(text) >= 8 else None
    if not isinstance(value, dict):
        return None
    props = _props(value)
    parts = {part: _first(props, names) for part, names in _ADDRESS_PARTS.items()}
    parts = {k: v for k, v in parts.items() if v}
    if not parts.get("street") and not parts.get("locality"):
        return None
    order = ("street", "postal_code", "locality", "region", "country")
    return StructuredAddress(", ".join(parts[k] for k in order if k in parts), source, parts)


def _hours(props: dict[str, Any]) -> list[str]:
    hours = [clean_text(h) for h in _strings(props.get("openingHours")) if h.strip()]
    for spec in _nodes(props.get("openingHoursSpecification")):
        days = ", ".join(re.sub(r"^.*/", "", d) for d in _strings(spec.get("dayOfWeek")))
        opens, closes = _first(spec, ("opens",)), _first(spec, ("closes",))
        if opens and closes:
            hours.append(clean_text(f"{days} {opens}-{closes}"))
    return hours


def _read(item: dict[str, Any], source: str, found: StructuredContacts) -> None:
    for node in _nodes(item):
        props = _props(node)
        label = _first(props, ("contactType",)) or None
        for email in _strings(props.get("email")):
            found.emails.append((re.sub(r"^mailto:", "", email.strip(), flags=re.I), source, label))
        for phone in _strings(props.get("telephone")) + _strings(props.get("tel")):
            found.phones.append((re.sub(r"^(?:tel|callto):", "", phone.strip(), flags=re.I), source, label))
        for link in _strings(props.get("sameAs")) + _strings(props.get("url")):
            found.links.append((link.strip(), source))
        for key in ("address", "adr"):
            stated = props.get(key)
            for value in stated if isinstance(stated, list) else [stated]:
                address = _address(value, source)
                if address is not None:
                    found.addresses.append(address)
        found.opening_hours.extend((h, source) for h in _hours(props))


def _jsonld_items(html: str, warnings: list[str]) -> Iterator[dict[str, Any]]:
    """The top-level items of every JSON-LD block; a broken block becomes a warning."""
    # Each JSON-LD block on its own: one broken block must not hide the others.
    for number, block in enumerate(_JSONLD.findall(html), start=1):
        try:
            data = json.loads(block.strip().removeprefix("<!--").removesuffix("-->"), strict=False)
        except ValueError:
            warnings.append(f"JSON-LD block {number} is not valid JSON; it was skipped")
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                yield item


def find_structured(html: str, url: str) -> StructuredContacts:
    """Contacts from JSON-LD, microdata and hCard; broken data becomes a warning, never an error."""
    found = StructuredContacts()
    if not _HINTS.search(html):
        return found
    for item in _jsonld_items(html, found.warnings):
        _read(item, "jsonld", found)
    if not re.search(r"itemscope|\bvcard\b|\bh-card\b", html, re.I):
        return _deduplicated(found)
    import extruct  # a second or so to import (rdflib): only for pages that carry microdata or hCard

    for syntax, source in _SYNTAXES.items():
        try:
            data = extruct.extract(html, base_url=url, syntaxes=[syntax], errors="strict", uniform=False)
        except Exception as error:  # page content is untrusted: any parser failure is the page's
            logging.getLogger(__name__).debug("structured data of %s unreadable: %r", url, error)
            found.warnings.append(f"{syntax} structured data could not be read ({type(error).__name__})")
            continue
        for item in data.get(syntax, []):
            if isinstance(item, dict):
                _read(item, source, found)
    return _deduplicated(found)


def _deduplicated(found: StructuredContacts) -> StructuredContacts:
    # microdata nests values under `properties`, so a walk meets some of them twice.
    found.emails = list(dict.fromkeys(found.emails))
    found.phones = list(dict.fromkeys(found.phones))
    found.links = list(dict.fromkeys(found.links))
    found.opening_hours = list(dict.fromkeys(found.opening_hours))
    found.addresses = list({a.text: a for a in found.addresses}.values())
    return found


# Types whose `name` is the site's owner or the site itself (LocalBusiness has hundreds of
# subtypes, Dentist, Bakery, AutoRepair...: a node with an address or a phone counts too).
_OWNER_TYPE = re.compile(r"organi[sz]ation|business|corporation|company|store|shop|brand|website", re.I)
_NOT_OWNER_TYPE = re.compile(
    r"person|webpage|article|posting|product|offer|review|rating|event|breadcrumb|listitem|image|video|"
    r"question|answer|action|place|address|contactpoint|openinghours|geo|howto|recipe|course|job",
    re.I,
)


@dataclass
class OwnerFacts:
    """What a page's JSON-LD says about who runs the site: its names and the profiles it declares."""

    names: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)  # `sameAs` of the organisation


def _types(node: dict[str, Any]) -> str:
    return " ".join(re.sub(r"^.*[/#]", "", t) for t in _strings(node.get("@type")))


def owner_facts(html: str) -> OwnerFacts:
    """The organisation's names and `sameAs` profiles from JSON-LD (the site's own statement about itself).

    Only JSON-LD is read: it parses in microseconds, where microdata needs extruct; an
    author's `Person` node and the profiles it names are someone else's.
    """
    facts = OwnerFacts()
    if not re.search(r"ld\+json", html, re.I):
        return facts
    for item in _jsonld_items(html, []):
        for node in _nodes(item):
            types = _types(node)
            stated = ("address" in node or "telephone" in node) and not _NOT_OWNER_TYPE.search(types)
            if not types or not (stated or _OWNER_TYPE.search(types)) or re.search(r"person|event", types, re.I):
                continue
            facts.names += [clean_text(n) for n in _strings(node.get("name")) + _strings(node.get("alternateName"))]
            if "website" not in types.lower():
                facts.profiles += [p.strip() for p in _strings(node.get("sameAs"))]
    facts.names = [n for n in dict.fromkeys(facts.names) if n]
    facts.profiles = list(dict.fromkeys(facts.profiles))
    return facts
