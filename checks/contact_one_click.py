"""The contact page is one click away from the home page.

Why it matters: most visitors arrive on the home page; every extra click
between them and your contact details loses some of them.

How to fix: link the contact page directly from the home page, in its menu or
footer, rather than only from an "About" or "Help" page.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Outcome

META = CheckMeta(
    id="contact-one-click",
    category="findability",
    title="The contact page is one click from the home page",
    failure_title="The contact page is not linked from the home page",
    requires=("pages", "contact_pages"),
    weight=2,
)


def run(site: CheckInput) -> Outcome:
    pages = site.pages
    if not pages or not pages[0].ok:
        return Outcome.not_applicable("The home page did not load.")
    if not site.contact_pages:
        return Outcome.not_applicable("No contact page was found (see the contact page check).")
    home = pages[0]
    contact_urls = {c.url for c in site.contact_pages}
    if home.url in contact_urls:
        return Outcome(1.0, display_value="the home page is the contact page")
    direct = [link for link in home.links if link.url in contact_urls]
    if direct:
        return Outcome(1.0, display_value=f'"{direct[0].text or direct[0].url}" in the {direct[0].location}')
    nearest = min(site.contact_pages, key=lambda c: c.depth)
    return Outcome(
        0.0,
        display_value=f"{nearest.depth} clicks",
        explanation="Customers must go through other pages to find the contact page.",
        evidence=[Evidence(url=home.url, snippet=f"no link to {nearest.url}")],
    )
