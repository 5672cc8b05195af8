"""The site has a contact page that loads.

Why it matters: a customer with a question or a problem looks for a "Contact"
page first; without one they search elsewhere, call the wrong number, or leave
for a competitor.

How to fix: publish a page at an obvious address (such as /contact) that lists
every way to reach you, and link it as "Contact" (in the page's language).
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="contact-page-exists",
    category="findability",
    title="The site has a contact page",
    failure_title="No working contact page was found",
    requires=("contact_pages",),
    weight=3,
)

MESSAGES = Messages(
    META.id,
    {
        "broken": "contact page is broken",
        "does-not-load": "Links lead to a contact page, but it does not load.",
        "none-found": "none found",
        "not-recognised": "No page was recognised as a contact page by its address, title or the links to it.",
    },
)


def run(site: CheckInput) -> Outcome:
    working = [c for c in site.contact_pages if c.status is not None and 200 <= c.status < 300]
    broken = [c for c in site.contact_pages if c not in working]
    evidence = [Evidence(url=c.url, snippet=f"HTTP {c.status}" if c.status else "did not load") for c in broken]
    if working:
        return Outcome(
            1.0,
            display_value=working[0].url,
            evidence=[Evidence(url=c.url, snippet="contact page") for c in working] + evidence,
        )
    if broken:
        return Outcome(
            0.0,
            display_value=MESSAGES("broken"),
            explanation=MESSAGES("does-not-load"),
            evidence=evidence,
        )
    return Outcome(
        0.0,
        display_value=MESSAGES("none-found"),
        explanation=MESSAGES("not-recognised"),
    )
