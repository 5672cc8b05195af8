"""Every page links to the contact page from its footer.

Why it matters: the footer is where customers scroll when they cannot see how
to reach you; a page without a contact link there strands them on that page.

How to fix: put a "Contact" link in the shared footer template so that every
page carries it, including landing pages and pages in other languages.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Outcome
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


def run(site: CheckInput) -> Outcome:
    pages, missing = pages_without_contact_link(site, ("footer",))
    if not pages:
        return Outcome.not_applicable("No page loaded, so there is no footer to look at.")
    share = 1 - len(missing) / len(pages)
    explanation = ""
    if missing:
        verb = "has" if len(missing) == 1 else "have"
        explanation = f"{len(missing)} of the {len(pages)} pages that loaded {verb} no contact link in the footer."
    return Outcome(
        share,
        display_value=f"{len(pages) - len(missing)} of {len(pages)} pages",
        explanation=explanation,
        evidence=[Evidence(url=p.url, selector="footer", snippet="no contact link in the footer") for p in missing],
    )
