"""Links that promise a way to contact the company work.

Why it matters: a "Contact" link that ends on an error page tells customers
the company is not listening, at the moment they need it most.

How to fix: repair or redirect the broken pages, and remove links to contact
pages that no longer exist.
"""

from auditor.artifacts import Link, Page
from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="broken-contact-links",
    category="clarity",
    title="Contact links work",
    failure_title="Some contact links lead to errors",
    requires=("pages",),
    weight=2,
)

MESSAGES = Messages(
    META.id,
    {
        "no-links": "No contact link to a crawled page was found.",
        "working_one": "{n} contact link target(s) work",
        "working_other": "{n} contact link target(s) work",
        "broken_one": "{n} broken",
        "broken_other": "{n} broken",
        "reach-an-error": "Customers following these contact links reach an error.",
    },
)


def _problem(page: Page) -> str:
    return page.error or page.not_found or (f"HTTP {page.status}" if page.status else "did not load")


def _snippet(page: Page, linked: list[tuple[str, Link]]) -> str:
    where, link = linked[0]
    text = f'"{link.text}"' if link.text else "a link"
    others = f" and {len(linked) - 1} other page(s)" if len(linked) > 1 else ""
    return f"{_problem(page)}: {text} on {where}{others}"


def run(site: CheckInput) -> Outcome:
    by_url = {p.url: p for p in site.pages}
    targets: dict[str, list[tuple[str, Link]]] = {}
    for page in site.pages:
        for link in page.links:
            if link.contact_like and link.url in by_url and link.url != page.url:
                linked = targets.setdefault(link.url, [])
                if all(where != page.url for where, _ in linked):
                    linked.append((page.url, link))
    if not targets:
        return Outcome.not_applicable(MESSAGES("no-links"))
    broken = [url for url in targets if not by_url[url].ok]
    if not broken:
        return Outcome(1.0, display_value=MESSAGES("working", n=len(targets)))
    evidence = [Evidence(url=url, snippet=_snippet(by_url[url], targets[url])) for url in broken]
    return Outcome(
        0.0,
        display_value=MESSAGES("broken", n=len(broken)),
        explanation=MESSAGES("reach-an-error"),
        evidence=evidence,
    )
