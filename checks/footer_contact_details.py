"""An email address or phone number is shown in the footer.

Why it matters: a customer who just wants the number or the address expects
it at the bottom of every page, without opening another page.

How to fix: show your main support email and phone number in the site footer.
"""

from auditor.judge.api import CheckInput, CheckMeta, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="footer-contact-details",
    category="findability",
    title="The footer shows an email address or phone number",
    failure_title="The footer shows no email address or phone number",
    requires=("emails", "phones"),
    weight=1,
)

MESSAGES = Messages(META.id, {"none": "No footer on the crawled pages shows an email or phone."})


def run(site: CheckInput) -> Outcome:
    shown = [e.address for e in site.emails if "footer" in e.locations]
    shown += [p.raw for p in site.phones if "footer" in p.locations]
    if shown:
        return Outcome(1.0, display_value=", ".join(shown[:3]) + (" ..." if len(shown) > 3 else ""))
    return Outcome(0.0, display_value=COMMON("none"), explanation=MESSAGES("none"))
