"""Customers can write to the company: there is an email address or a contact form.

Why it matters: many questions need a written answer (an order number, a
photo, a complaint with details); customers who cannot write have to call during
business hours or give up.

How to fix: show a support email address as a mailto link, or offer a contact
form with a message field, on the contact page and in the footer.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="written-channel",
    category="coverage",
    title="Customers can write by email or through a form",
    failure_title="There is no email address or contact form",
    requires=("emails", "forms"),
    weight=2,
)

MESSAGES = Messages(
    META.id,
    {
        "none": "No email address or message form was found on the crawled pages.",
        "found": "{emails} email(s), {forms} form(s)",
    },
)


def run(site: CheckInput) -> Outcome:
    evidence = [Evidence(url=e.pages[0], snippet=e.address) for e in site.emails[:5]]
    evidence += [Evidence(url=f.page, selector="form", snippet=f"form to {f.action}") for f in site.forms[:5]]
    found = len(site.emails) + len(site.forms)
    if not found:
        return Outcome(0.0, display_value=COMMON("none"), explanation=MESSAGES("none"))
    return Outcome(
        1.0, display_value=MESSAGES("found", emails=len(site.emails), forms=len(site.forms)), evidence=evidence
    )
