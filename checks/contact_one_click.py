"""The contact page is one click away from the home page.

Why it matters: most visitors arrive on the home page; every extra click
between them and your contact details loses some of them.

How to fix: link the contact page directly from the home page, in its menu or
footer, rather than only from an "About" or "Help" page.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="contact-one-click",
    category="findability",
    title="The contact page is one click from the home page",
    failure_title="The contact page is not linked from the home page",
    requires=("pages", "contact_pages"),
    weight=2,
)

MESSAGES = Messages(
    META.id,
    {
        "no-home": "The home page did not load.",
        "no-contact-page": "No contact page was found (see the contact page check).",
        "home-is-contact": "the home page is the contact page",
        "linked": '"{text}" in the {where}',
        "header": "header",
        "nav": "nav",
        "main": "main",
        "footer": "footer",
        "contact-page": "contact-page",
        "widget": "widget",
        "clicks": "{n} clicks",
        "too-deep": "Customers must go through other pages to find the contact page.",
    },
)


def run(site: CheckInput) -> Outcome:
    pages = site.pages
    if not pages or not pages[0].ok:
        return Outcome.not_applicable(MESSAGES("no-home"))
    if not site.contact_pages:
        return Outcome.not_applicable(MESSAGES("no-contact-page"))
    home = pages[0]
    contact_urls = {c.url for c in site.contact_pages}
    if home.url in contact_urls:
        return Outcome(1.0, display_value=MESSAGES("home-is-contact"))
    direct = [link for link in home.links if link.url in contact_urls]
    if direct:
        link = direct[0]
        return Outcome(1.0, display_value=MESSAGES("linked", text=link.text or link.url, where=MESSAGES(link.location)))
    nearest = min(site.contact_pages, key=lambda c: c.depth)
    return Outcome(
        0.0,
        display_value=MESSAGES("clicks", n=nearest.depth),
        explanation=MESSAGES("too-deep"),
        evidence=[Evidence(url=home.url, snippet=f"no link to {nearest.url}")],
    )
