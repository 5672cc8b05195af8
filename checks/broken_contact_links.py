"""Links that promise a way to contact the company work.

Why it matters: a "Contact" link that ends on an error page tells customers
the company is not listening, at the moment they need it most.

How to fix: repair or redirect the broken pages, and remove links to contact
pages that no longer exist.
"""

from auditor.checks_api import CheckInput, CheckMeta, Evidence, Outcome

META = CheckMeta(
    id="broken-contact-links",
    category="clarity",
    title="Contact links work",
    failure_title="Some contact links lead to errors",
    requires=("pages",),
    weight=2,
)


def run(site: CheckInput) -> Outcome:
    by_url = {p.url: p for p in site.pages}
    targets: dict[str, list[str]] = {}
    for page in site.pages:
        for link in page.links:
            if link.contact_like and link.url in by_url:
                targets.setdefault(link.url, []).append(page.url)
    if not targets:
        return Outcome.not_applicable("No contact link to a crawled page was found.")
    broken = [url for url in targets if not by_url[url].ok]
    if not broken:
        return Outcome(1.0, display_value=f"{len(targets)} contact link target(s) work")
    evidence = []
    for url in broken:
        page = by_url[url]
        problem = page.error or f"HTTP {page.status}"
        evidence.append(Evidence(url=url, snippet=f"{problem}; linked from {len(targets[url])} page(s)"))
    return Outcome(
        0.0,
        display_value=f"{len(broken)} broken",
        explanation="Customers following these contact links reach an error.",
        evidence=evidence,
    )
