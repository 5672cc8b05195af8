"""Email addresses on a page: mailto links and visible text, with their labels."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement

from auditor.artifacts import Location
from auditor.domains import has_public_suffix, registrable_domain
from auditor.gather.extract.dom import (
    block_text,
    clean_text,
    heading_before,
    in_hidden_container,
    location_of,
    text_runs,
    visible_strings,
)
from auditor.gather.extract.obfuscation import cloudflare_elements, deobfuscate, reversed_elements, scripted_targets

# Not preceded or followed by an ellipsis: "…nfo@shop.de" and "info@shop.co…" are cut-off
# copies of an address (search snippets, truncated cards), not the address itself. An
# apostrophe may sit inside a local part between two letters or digits (o'brien@), never
# at its ends, so a quoted 'info@shop.de' stays the address. A match never starts at an
# apostrophe that follows a local part's character: it would be the cut-off tail of an
# address ("o’brien@", "o''brien@" give no address rather than brien@).
_LOCAL_PART = r"[a-z0-9](?:(?:[a-z0-9._%+-]|(?<=[a-z0-9])'(?=[a-z0-9])){0,62}[a-z0-9_-])?"
EMAIL_RE = re.compile(
    rf"(?<![\w.+%…-])(?<!\.\.\.)(?<![a-z0-9._%+'’-]['’])({_LOCAL_PART}@(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+[a-z]{{2,24}})(?![\w…-]|\.[a-z0-9]|\.\.\.)",
    re.IGNORECASE,
)
_FILE_SUFFIX = re.compile(r"\.(?:png|jpe?g|gif|webp|svg|avif|bmp|ico|css|js|mjs|json|woff2?|ttf|mp4|webm)$", re.I)
_PLACEHOLDER_LOCALS = {
    "you",
    "your",
    "yourname",
    "name",
    "email",
    "user",
    "username",
    "someone",
    "john.doe",
    "jane.doe",
    "firstname.lastname",
    "example",
    "test",
    "usuario",
    "nombre",
    "max.mustermann",
    "vorname.nachname",
}
_PLACEHOLDER_DOMAINS = {
    "example.com",
    "example.org",
    "example.net",
    "domain.com",
    "email.com",
    "yourdomain.com",
    "yourcompany.com",
    "company.com",
    "mail.com.example",
    "dominio.com",
    "ejemplo.com",
    "tudominio.com",
    "beispiel.de",
    "musterfirma.de",
    "exemple.fr",
    "exemplo.com",
    "exemplo.com.br",
}
# Addresses that software bundles into pages, never meant for customers: error reporting
# DSNs, platform bounce and build addresses.
_INFRASTRUCTURE_HOSTS = (
    "sentry.io",
    "ingest.sentry.io",
    "sentry-next.wixpress.com",
    "wixpress.com",
    "bugsnag.com",
    "rollbar.com",
    "users.noreply.github.com",
    "noreply.github.com",
    "mailer-daemon.googlemail.com",
)
# Services named in the form of an address: Mail.ru's visitor counter ("Рейтинг@Mail.ru",
# later "Top@Mail.ru") and its answers site, as web studios list them among analytics tools,
# in Latin script too ("Reyting@Mail.ru"). The mailboxes may exist; no company's contact is one.
_SERVICE_NAMES = frozenset(f"{name}@mail.ru" for name in ("top", "rating", "reyting", "reiting", "otvety", "otveti"))
_INFRASTRUCTURE_LOCALS = re.compile(r"^(?:[0-9a-f]{16,}|mailer-daemon|postmaster|bounces?(?:[+-].*)?)$")
# A label that only repeats "this is an email" says nothing about what the address is for.
_GENERIC_LABELS = re.compile(
    r"^(?:e-?mail(?: us| address)?(?: at)?|mail|mail us|write to us|write us|contact(?: us)?|reach us at|or|and|"
    r"e-?mail-?adresse|schreiben sie uns|"
    r"почта|эл\.? ?почта|электронная почта|e-mail адрес|пишите|пишите нам|"
    r"ईमेल|ई-मेल|ई-मेल पता|ఇమెయిల్|ఈమెయిల్|ఈ-మెయిల్|"
    r"correo(?: electrónico)?|escríbenos|courriel|adresse e-mail|メール|eメール|メールアドレス|邮箱|电子邮件)$",
    re.I,
)


# Template domains are built the same way in every language: a possessive or "name of"
# word and the thing a buyer of the template fills in ("yourcompany", "nomeattivita",
# "tuempresa", "deinefirma", "votresite"); on its own, only a bare "company" or "domain".
_TEMPLATE_OWNER = (
    r"(?:your|my|tu|tuo|tua|su|mi|votre|ton|deine?|ihre?|mein|mon|meu|seu|sua|vostro|"
    r"nome|nombre|nom|name|sample|demo|dummy|fake)"
)
_TEMPLATE_THING = (
    r"(?:company|business|domain|site|website|web|brand|shop|store|email|mail|organi[sz]ation|agency|url|"
    r"empresa|negocio|sitio|dominio|entreprise|societe|firma|unternehmen|attivita|azienda|ditta|loja|"
    r"name|nome|nombre|nom)"
)
_TEMPLATE_DOMAIN = re.compile(
    rf"^(?:{_TEMPLATE_OWNER}[-_]?{_TEMPLATE_THING}(?:[-_]?(?:name|nome|nombre))?|company|domain|companyname|sitename)$",
    re.I,
)
# A local part that names the form field instead of a mailbox ("name@", "your.email@").
# "email@" alone is a real mailbox often enough ("email@studio.de"); "your.email@" is not.
_FIELD_LOCALS = re.compile(
    r"^(?:(?:your|my)[._-]?(?:e-?mail|mail|address|correo|почта)|(?:(?:your|my)[._-]?)?(?:name|user|username|"
    r"someone|me|you|first[._-]?name(?:[._-]?last[._-]?name)?|nombre|usuario|nom|prenom|vorname|benutzer|имя))$",
    re.I,
)
# "0123456789", "123456": the digits a template types for "a number goes here".
_SAMPLE_DIGITS = re.compile(r"(?:0123456|1234567|9876543)")


def is_template_address(address: str, site_domain: str = "") -> bool:
    """True when an address is a template's sample, decided from the address itself.

    A sample digit run in the mailbox ("you+0123456789@") marks one anywhere. The
    site's own domain is never a template's otherwise; another host is one when its
    name is built like a template's ("yourcompany.com", "nomeattivita.it") or when the
    mailbox names the form field ("name@gmail.com").
    """
    local, _, host = address.rpartition("@")
    if _SAMPLE_DIGITS.search(local):
        return True
    domain = registrable_domain(host)
    if site_domain and domain == registrable_domain(site_domain):
        return False
    if _TEMPLATE_DOMAIN.match(domain.split(".", 1)[0]):
        return True
    return bool(site_domain) and bool(_FIELD_LOCALS.match(local.split("+", 1)[0]))


def _bracketed(context: str, shown: str) -> bool:
    """`[info@shop.it]`, `{{email}}`-style: the template's mark for "fill this in"."""
    at = context.lower().find(shown.lower())
    if at < 0:
        return False
    before = context[:at].rstrip()[-1:]
    after = context[at + len(shown) :].lstrip()[:1]
    return (before, after) in (("[", "]"), ("{", "}"), ("<", ">"), ("%", "%"))


@dataclass
class FoundEmail:
    address: str
    source: str
    location: Location
    label: str | None


def normalise_address(raw: str) -> str | None:
    """A lower-case address if `raw` is a real, deliverable-looking one, else None."""
    address = raw.strip().strip(".,;:").lower()
    match = EMAIL_RE.fullmatch(address)
    if not match:
        return None
    local, _, host = address.rpartition("@")
    if _FILE_SUFFIX.search(address) or not has_public_suffix(host):
        return None
    if any(host == h or host.endswith("." + h) for h in _INFRASTRUCTURE_HOSTS) or _INFRASTRUCTURE_LOCALS.match(local):
        return None
    if address in _SERVICE_NAMES:
        return None
    if host in _PLACEHOLDER_DOMAINS or (
        local in _PLACEHOLDER_LOCALS and host.split(".")[0] in {"domain", "example", "email", "company", "yourdomain"}
    ):
        return None
    return address


def label_near(element: Tag | object, address: str) -> str | None:
    """What the page says the address is for ("Support:", "Press", "Жалобы").

    `address` is the address as written on the page (obfuscated forms included).
    """
    if isinstance(element, Tag) and element.name == "a":
        text = clean_text(element.get_text(" "))
        if text and "@" not in text and not _GENERIC_LABELS.match(text.strip(" :")):
            return text[:60]
        for attribute in ("title", "aria-label"):
            value = clean_text(str(element.get(attribute) or ""))
            if value and "@" not in value and not _GENERIC_LABELS.match(value.strip(" :")):
                return value[:60]
    text = block_text(element)  # type: ignore[arg-type]
    if address.lower() not in text.lower():
        return _heading_label(element)
    before = text.lower().split(address.lower(), 1)[0]
    before = EMAIL_RE.sub(" ", before)
    before = re.sub(r"[+\d][\d\s().-]{6,}\d", " ", before)
    # Only the words right before the address: the end of the previous sentence or line.
    before = re.split(r"[.!?\n|•·]\s", before)[-1]
    label = clean_text(before).strip(" :–—-|•·,：")
    if not label or _GENERIC_LABELS.match(label):
        return _heading_label(element)
    if len(label) > 40:
        return None
    original = text[text.lower().find(label) : text.lower().find(label) + len(label)]
    return original or label


def _heading_label(element: object) -> str | None:
    heading = heading_before(element) if isinstance(element, PageElement) else ""
    heading = heading.strip(" :–—-|•·,：")
    if not heading or _GENERIC_LABELS.match(heading) or "@" in heading:
        return None
    return heading


def unglue(raw: str) -> str:
    """Drop a sentence glued onto an address: `support@x.co.uk.It was` -> `support@x.co.uk`.

    A capitalised last label after an all-lower-case host is the next word, not a TLD.
    """
    host_labels = raw.rpartition("@")[2].split(".")
    if (
        len(host_labels) > 2
        and host_labels[-1][:1].isupper()
        and all(label == label.lower() for label in host_labels[:-1])
    ):
        return raw[: raw.rindex(".")]
    return raw


def _glued_to_a_label(match: re.Match[str], joints: list[int]) -> bool:
    """A match whose local part starts in one element and goes on in the next, such as
    `<span>Email</span>info@shop.de`, when the later element alone holds an address.

    The browser shows the label and the address as separate boxes more often than
    glued, and the address the later element holds is the one its mailto or other
    pages name; `<b>info</b>@shop.de` (the joint at the at sign) stays whole.
    """
    at = match.start() + match.group(1).index("@")
    for joint in joints:
        if match.start() < joint < at:
            rest = match.string[joint : match.end()]
            if EMAIL_RE.fullmatch(rest):
                return True
    return False


def find_emails(soup: BeautifulSoup, raw_html: str = "", domain: str = "") -> list[FoundEmail]:
    """Every address a customer can read on the page, however the page tried to hide it.

    `raw_html` (the page as served) tells entity-encoded addresses from plain ones;
    `domain` (the audited site's) tells the site's own addresses from a template's.
    """
    found: dict[tuple[str, str], FoundEmail] = {}
    served = raw_html.lower()
    entity_encoded = bool(re.search(r"&#0*64;|&#x0*40;|&commat;", served))

    def add(raw: str, source: str, element: object, shown: str | None = None, context: str = "") -> None:
        address = normalise_address(unglue(raw))
        if address is None or is_template_address(address, domain):
            return
        if context and _bracketed(context, shown or address):
            return
        if source == "text" and entity_encoded and address not in served:
            source = "entity"
        if (address, source) in found or (source == "text" and (address, "entity") in found):
            return
        location = location_of(element)  # type: ignore[arg-type]
        found[(address, source)] = FoundEmail(address, source, location, label_near(element, shown or address))

    # A mailto: that a link's script opens is a mailto link as much as its href is one.
    for anchor in soup.find_all("a"):
        hrefs = [html.unescape(str(anchor.get("href") or "")).strip(), *scripted_targets(anchor)]
        mailtos = [href for href in hrefs if href.lower().startswith("mailto:")]
        if not mailtos or in_hidden_container(anchor):
            continue
        for href in mailtos:
            recipients = unquote(href[7:].split("?", 1)[0])
            for raw in re.split(r"[,;]", recipients):
                add(raw, "mailto", anchor, None, clean_text(anchor.get_text(" ")))
    for element, decoded in cloudflare_elements(soup):
        if not in_hidden_container(element):
            add(decoded, "cloudflare", element, clean_text(element.get_text(" ")) or None)
    reversed_tags = reversed_elements(soup)
    reversed_ids = {id(tag) for tag in reversed_tags}

    def is_reversed(node: PageElement) -> bool:
        return any(id(parent) in reversed_ids for parent in node.parents)

    for element in reversed_tags:
        shown = element.get_text("")[::-1]
        for match in EMAIL_RE.finditer(shown):
            add(match.group(1), "rtl", element, element.get_text(""))
    for text in visible_strings(soup):
        if is_reversed(text):
            continue
        for match in EMAIL_RE.finditer(str(text)):
            add(match.group(1), "text", text)
    for run in text_runs(soup):
        anchor_text, segment = run.anchor, run.text
        if is_reversed(anchor_text):
            continue
        if "@" in segment:
            for match in EMAIL_RE.finditer(segment):
                if not _glued_to_a_label(match, run.joints):
                    add(match.group(1), "text", anchor_text, None, segment)
        if "＠" in segment:  # a full-width at sign, a common Japanese guard against harvesters
            for match in EMAIL_RE.finditer(segment.replace("＠", "@")):
                add(match.group(1), "obfuscated", anchor_text, match.group(1).replace("@", "＠"))
        for written, candidate in deobfuscate(segment):
            add(candidate, "obfuscated", anchor_text, written)
    return list(found.values())
