"""Every page links to the contact page from its footer.

Why it matters: the footer is where customers scroll when they cannot see how
to reach you; a page without a contact link there strands them on that page.

How to fix: put a "Contact" link in the shared footer template so that every
page carries it, including landing pages and pages in other languages.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import pages_without_contact_link

META = CheckMeta(
    id="contact-link-in-footer",
    category="findability",
    title="Every page links to the contact page from its footer",
    failure_title="Some pages have no contact link in their footer",
    requires=("pages", "contact_pages"),
    weight=3,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "no-pages": "No page loaded, so there is no footer to look at.",
        "missing_one": "{n} of the {total} pages that loaded has no contact link in the footer.",
        "missing_other": "{n} of the {total} pages that loaded have no contact link in the footer.",
        "linked": "{n} of {total} pages",
    },
)


def run(site: CheckInput) -> Outcome:
    pages, missing = pages_without_contact_link(site, ("footer",))
    if not pages:
        return Outcome.not_applicable(MESSAGES("no-pages"))
    return Outcome(
        1 - len(missing) / len(pages),
        display_value=MESSAGES("linked", n=len(pages) - len(missing), total=len(pages)),
        explanation=MESSAGES("missing", n=len(missing), total=len(pages)) if missing else "",
        evidence=[Evidence(url=p.url, selector="footer", snippet="no contact link in the footer") for p in missing],
    )
