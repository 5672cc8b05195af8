"""A returns, refunds or complaints policy is linked from the footer or contact page.

Why it matters: "how do I send this back?" is among the most common reasons to
contact a company; customers who find the policy themselves do not need to ask,
and those who cannot find it assume the worst.

How to fix: link the returns/refunds (or complaints) policy from the footer and
from the contact page, titled in the page's language.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import POLICY_WORDS

META = CheckMeta(
    id="returns-policy-findable",
    category="care",
    title="A returns or complaints policy is easy to find",
    failure_title="No returns or complaints policy is linked where customers look",
    requires=("pages", "contact_pages"),
    weight=1,
)

MESSAGES = Messages(
    META.id,
    {
        "no-page": "No page loaded.",
        "not-found": "not found",
        "no-policy": "No footer or contact page links to a returns, refunds or complaints policy.",
    },
)


def run(site: CheckInput) -> Outcome:
    pages = site.html_pages
    if not pages:
        return Outcome.not_applicable(MESSAGES("no-page"))
    contact_urls = {c.url for c in site.contact_pages}
    for page in pages:
        for link in page.links:
            where_customers_look = link.location == "footer" or page.url in contact_urls
            if where_customers_look and (POLICY_WORDS.search(link.text) or POLICY_WORDS.search(link.url)):
                return Outcome(
                    1.0,
                    display_value=f'"{link.text or link.url}"',
                    evidence=[Evidence(url=page.url, selector=link.location, snippet=link.url)],
                )
    return Outcome(
        0.0,
        display_value=MESSAGES("not-found"),
        explanation=MESSAGES("no-policy"),
    )
