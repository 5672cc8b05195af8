"""The pages a sitemap lists, for `contact-audit ci --sitemap`: a sitemap.xml (or .xml.gz) by
URL or as a file, a sitemap index followed one level down, everything bounded.

A sitemap is read as data, never as a document: no entities, no DTD, no network from the
parser. Bounds keep a huge or hostile sitemap from stalling a CI job: so many files, so
many bytes each, so many pages in all; what was cut is said in a warning.
"""

from __future__ import annotations

import gzip
import io
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

from auditor.errors import UsageError

MAX_FILES = 20  # the sitemap and the sitemaps an index names
MAX_BYTES = 10 * 1024 * 1024  # per file, after decompression
MAX_PAGES = 500
MAX_DEPTH = 2  # an index, and the sitemaps it names (an index naming indexes is followed no further)


@dataclass
class SitemapPages:
    urls: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _read(source: str, headers: dict[str, str], timeout: float) -> bytes:
    if "://" not in source:
        path = Path(source).expanduser()
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except OSError as error:
            raise OSError(f"{path} could not be read: {error.strerror or error}") from None
    else:
        if urlsplit(source).scheme not in ("http", "https"):
            raise OSError(f"{source} is not an http:// or https:// address")
        request = urllib.request.Request(source, headers={"User-Agent": "contact-audit", **headers})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as error:
            raise OSError(f"{source} answered HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError) as error:
            raise OSError(f"{source} could not be fetched: {getattr(error, 'reason', error)}") from None
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                data = unzipped.read(MAX_BYTES + 1)
        except (OSError, EOFError):
            raise OSError(f"{source} is not a readable .gz file") from None
    if len(data) > MAX_BYTES:
        raise OSError(f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return data


def _parse(data: bytes, source: str) -> tuple[str, list[str]]:
    """("urlset" or "sitemapindex", the <loc> values) of one sitemap file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise OSError(f"{source} is not a sitemap (not valid XML: {error.msg})") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise OSError(f"{source} is not a sitemap (its root element is <{kind}>, not <urlset> or <sitemapindex>)")
    locs = [
        (loc.text or "").strip()
        for entry in root
        if _local(entry.tag) in ("url", "sitemap")
        for loc in entry
        if _local(loc.tag) == "loc"
    ]
    return kind, [loc for loc in locs if loc]


def read_sitemap(source: str, headers: dict[str, str] | None = None, timeout: float = 20) -> SitemapPages:
    """The http(s) pages `source` lists, in its order, without repeats; nested sitemaps that
    fail become warnings, the first one failing is a UsageError. `headers` go to the host of
    `source` only (a staging server's login), never to another host an index names."""
    found = SitemapPages()
    host = urlsplit(source).netloc.lower() if "://" in source else None
    queue: list[tuple[str, int]] = [(source, 1)]
    files = 0
    seen_files: set[str] = set()
    seen_pages: set[str] = set()
    full = False
    while queue and not full:
        current, depth = queue.pop(0)
        if current in seen_files:
            continue
        if files >= MAX_FILES:
            found.warnings.append(f"the sitemap names more than {MAX_FILES} sitemap files; the rest were not read")
            break
        seen_files.add(current)
        files += 1
        sent = (headers or {}) if host is not None and urlsplit(current).netloc.lower() == host else {}
        try:
            kind, locs = _parse(_read(current, sent, timeout), current)
        except OSError as error:
            if current == source:
                raise UsageError(f"the sitemap could not be read: {error}") from None
            found.warnings.append(f"a sitemap of the index was skipped: {error}")
            continue
        base = current if "://" in current else ""
        if kind == "sitemapindex":
            if depth >= MAX_DEPTH:
                found.warnings.append(f"{current} is an index inside an index; it was not followed")
                continue
            queue += [(urljoin(base, loc) if base else loc, depth + 1) for loc in locs]
            continue
        for loc in locs:
            url = urljoin(base, loc) if base else loc
            if urlsplit(url).scheme not in ("http", "https") or url in seen_pages:
                continue
            if len(found.urls) >= MAX_PAGES:
                found.warnings.append(f"the sitemap lists more than {MAX_PAGES} pages; the first {MAX_PAGES} are used")
                full = True
                break
            seen_pages.add(url)
            found.urls.append(url)
    if not found.urls:
        raise UsageError(f"the sitemap {source} lists no http:// or https:// page")
    return found
