"""One page's HTML turned into artifacts: its links and the contacts it shows."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from auditor.artifacts import (
    Box,
    ChatWidget,
    Link,
    Location,
    Page,
    Placement,
    ResponsePromise,
)
from auditor.domains import same_site
from auditor.gather.extract.brand import page_brand
from auditor.gather.extract.chat import FoundWidget, find_in_html, live_widgets, vendors
from auditor.gather.extract.dom import clean_text, location_of, parse
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.page_channels import page_channels
from auditor.gather.extract.promises import find_response_promises
from auditor.gather.extract.readability import text_stats
from auditor.gather.extract.scripts import is_app_shell, script_hooks, script_signature
from auditor.gather.extract.views import says_not_found, view_of
from auditor.gather.extract.words import is_contact_heading, is_contact_text, is_contact_url, route_of

_SKIP_SCHEMES = re.compile(r"^(?:mailto|tel|callto|sms|javascript|data|whatsapp|viber|tg|skype):", re.I)


# Session ids in a URL make every visit a new page (a crawl trap); the page is the same.
_SESSION_PARAMS = {"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "sessid", "cfid", "cftoken"}
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/?#]*", re.I)


def _without_session(url: str) -> str:
    parts = urlsplit(url)
    path = _PATH_SESSION.sub("", parts.path)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k.lower() not in _SESSION_PARAMS and not k.lower().startswith("aspsessionid")]
    if path == parts.path and len(kept) == len(pairs):
        return url
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(kept), parts.fragment))


def page_url(url: str) -> str:
    """A URL as a page: an in-page anchor dropped, a hash route (`#/contact`) kept,
    since a hash-routed app shows another page for it; session ids dropped."""
    plain, fragment = urldefrag(_without_session(url))
    route = route_of(fragment)
    return f"{plain}#{fragment}" if route is not None else plain


def document_base(soup: Any, url: str) -> str:
    """The URL relative links resolve against: the page's, or its `<base href>` (an app
    served under `/sub/` often says so there)."""
    base = soup.find("base", href=True)
    if base is None:
        return url
    resolved = urljoin(url, str(base["href"]).strip())
    return resolved if resolved.startswith(("http://", "https://")) else url


def link_to(url: str, text: str, location: Location, domain: str) -> Link | None:
    """A link to a page of the site (a hash route kept, an in-page anchor dropped), or None
    for another site or a URL that is not a page."""
    url = page_url(url)
    if not url.startswith(("http://", "https://")) or not same_site(url, domain):
        return None
    text = clean_text(text)[:120]
    return Link(url=url, text=text, location=location, contact_like=is_contact_text(text) or is_contact_url(url))


def _links(soup: Any, base: str, domain: str) -> list[Link]:
    links: dict[tuple[str, str], Link] = {}
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"]).strip()
        if not href or _SKIP_SCHEMES.match(href) or (href.startswith("#") and route_of(href[1:]) is None):
            continue
        text = clean_text(anchor.get_text(" ")) or clean_text(
            str(anchor.get("aria-label") or anchor.get("title") or "")
        )
        link = link_to(urljoin(base, href), text, location_of(anchor), domain)
        if link is None:
            continue
        url = link.url
        key = (url, link.location)
        if key not in links or (link.contact_like and not links[key].contact_like):
            links[key] = link
    return list(links.values())


def _widgets(found: list[FoundWidget], url: str) -> list[ChatWidget]:
    names = {v.id: v.name for v in vendors()}
    widgets = []
    for widget in found:
        placement = Placement(desktop=Box(**widget.box)) if widget.box else Placement()
        widgets.append(
            ChatWidget(
                vendor=names.get(widget.vendor, widget.vendor),
                pages=[url],
                evidence=widget.evidence,
                placement=placement,
                retired=widget.retired,
                vendor_id=widget.vendor,
                instances=widget.instances,
                failed_requests=widget.failed_requests,
            )
        )
    return widgets


def extract_page(
    html: str,
    url: str,
    *,
    domain: str,
    status: int = 200,
    depth: int = 0,
    rendered: bool = False,
    rendered_widgets: list[FoundWidget] | None = None,
) -> PageFindings:
    """Everything one page says about contacting the company, with provenance."""
    soup = parse(html)
    title = clean_text(soup.title.get_text()) if soup.title else ""
    html_tag = soup.find("html")
    lang = str(html_tag.get("lang") or "") if html_tag is not None else ""
    page = Page(
        url=url,
        status=status,
        depth=depth,
        rendered=rendered,
        title=title[:200],
        lang=lang,
        links=_links(soup, document_base(soup, url), domain),
    )
    page.is_contact_page = (
        is_contact_url(url)
        or is_contact_text(title.split("–")[0].split("|")[0].split(" - ")[0])
        or is_contact_heading(soup)
    )
    if page.is_contact_page:
        page.text = text_stats(soup)
    channels, warnings = page_channels(soup, html, url, domain=domain, lang=lang, contact_page=page.is_contact_page)
    page.warnings.extend(warnings)
    # Kept on every page: which pages are contact pages is known only once the site is merged.
    channels.response_promises = [
        ResponsePromise(text=p.text, duration=p.duration, pages=[url], locations=[p.location])
        for p in find_response_promises(soup)
    ]
    # Once rendered, only widgets whose code ran there count; `rendered_widgets` is None
    # when the page was not rendered or its inspection failed, and the markup decides.
    found = find_in_html(soup)
    if rendered_widgets is not None:
        found, not_loaded = live_widgets(found, rendered_widgets)
        page.warnings.extend(not_loaded)
    channels.chat_widgets = _widgets(found, url)
    scripts = script_signature(soup, url)
    view, blank = view_of(soup, url, [link.url for link in page.links])
    return PageFindings(
        page=page,
        channels=channels,
        scripts=scripts,
        app_shell=is_app_shell(soup, scripts),
        hooks=script_hooks(soup) if scripts else frozenset(),
        parsed=True,
        brand=page_brand(soup, html, url),
        view=view,
        blank=blank,
        says_not_found=says_not_found(soup),
    )
