"""Every page links to the contact page from its header or navigation.

Why it matters: customers scan the top of the page first; a "Contact" item in
the main menu is the quickest way to reach you and the first place people look.

How to fix: add a "Contact" item (in the page's language) to the main
navigation or the header of every page template.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import pages_without_contact_link

META = CheckMeta(
    id="contact-link-in-header",
    category="findability",
    title="Every page links to the contact page from its header or menu",
    failure_title="Some pages have no contact link in their header or menu",
    requires=("pages", "contact_pages"),
    weight=2,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "no-pages": "No page loaded, so there is no header to look at.",
        "linked": "{n} of {total} pages",
        "missing": "These pages have no contact link at the top of the page.",
    },
)


def run(site: CheckInput) -> Outcome:
    pages, missing = pages_without_contact_link(site, ("header", "nav"))
    if not pages:
        return Outcome.not_applicable(MESSAGES("no-pages"))
    return Outcome(
        1 - len(missing) / len(pages),
        display_value=MESSAGES("linked", n=len(pages) - len(missing), total=len(pages)),
        explanation="" if not missing else MESSAGES("missing"),
        evidence=[Evidence(url=p.url, selector="header, nav", snippet="no contact link") for p in missing],
    )
