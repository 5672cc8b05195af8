"""The sites one `contact-audit ci` run audits: URLs grouped by site, one audit per site.

A contact audit judges a site, not a page: every page the crawl reaches counts. So the
URLs given to `ci` (on the command line, from a sitemap, from `[gate] urls`) are grouped by
site, its host without `www.` and its port; each site is audited once, from the first of its
URLs, and the site's other URLs are pages its gate reports on (reached or not, and which
failing checks were found on them). Several sites are audited one after another, each in
a process of its own (a crawl's reactor runs once per process), into a folder of its own.
"""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from auditor.config.usage import check_url
from auditor.errors import UsageError
from auditor.history.snapshot import site_key

if TYPE_CHECKING:
    from auditor.config.settings import AuditConfig
    from auditor.results import AuditResults
    from auditor.run.render import ReportOptions

MAX_SITES = 20  # one CI job; more is a batch (`contact-audit batch`)


@dataclass
class CiSite:
    key: str  # host[:port], without www.
    start: str  # the URL its crawl starts from: the first given for the site
    pages: list[str] = field(default_factory=list)  # every URL given for the site, the start first
    folder: str = ""


def folder_name(key: str) -> str:
    """`127.0.0.1:8080` -> `127.0.0.1-8080`: a site's folder under the run directory."""
    return re.sub(r"[^a-z0-9.]+", "-", key.casefold()).strip("-.")[:80] or "site"


def sites_of(urls: list[str]) -> list[CiSite]:
    """The sites of `urls`, in the order first named; each URL checked as `audit` checks one."""
    sites: dict[str, CiSite] = {}
    for given in urls:
        url = check_url(given)
        parts = urlsplit(url)
        key = site_key(f"{parts.scheme}://{parts.netloc}/")
        site = sites.setdefault(key, CiSite(key=key, start=url))
        if url not in site.pages:
            site.pages.append(url)
    if len(sites) > MAX_SITES:
        raise UsageError(
            f"{len(sites)} sites were named; one ci run audits at most {MAX_SITES} "
            "(`contact-audit batch` audits hundreds)"
        )
    folders: set[str] = set()
    for site in sites.values():
        folder, count = folder_name(site.key), 2
        while folder in folders:
            folder, count = f"{folder_name(site.key)}-{count}", count + 1
        folders.add(folder)
        site.folder = folder
    return list(sites.values())


def audit_here(
    url: str,
    settings: AuditConfig,
    out: Path,
    formats: list[str],
    quiet: bool,
    options: ReportOptions,
    history_on: bool,
    keep: int | None,
    verbose: bool = False,
) -> AuditResults:
    """One site's audit, as `ci` runs it for one site, in the process that calls it."""
    from auditor.cli.audit import run_audit
    from auditor.history.record import open_history

    history = open_history(settings, history_on, keep)
    try:
        return run_audit(url, settings, out, formats, quiet, options, history, verbose=verbose)
    finally:
        if history is not None:
            history.engine.dispose()


def audit_apart(
    url: str,
    settings: AuditConfig,
    out: Path,
    formats: list[str],
    quiet: bool,
    options: ReportOptions,
    history_on: bool,
    keep: int | None,
    verbose: bool = False,
) -> AuditResults:
    """The same audit in a fresh process; its AuditError comes back raised here."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # never fork a process that ran a reactor
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        job = pool.submit(audit_here, url, settings, out, formats, quiet, options, history_on, keep, verbose)
        return job.result()
