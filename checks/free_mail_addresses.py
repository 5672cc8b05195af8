"""Company email addresses are on the company's own domain, not a free mail service.

Why it matters: an address at gmail.com or mail.ru on a company site looks
unofficial, is easy for impostors to imitate, and goes with whoever owns the
mailbox when they leave.

How to fix: use addresses on your own domain (support@yourcompany.com) and
forward them to whoever answers.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON, FREE_MAIL

META = CheckMeta(
    id="free-mail-addresses",
    category="clarity",
    title="Email addresses use the company's own domain",
    failure_title="Free mail addresses are offered as company contacts",
    requires=("emails",),
    weight=1,
)

MESSAGES = Messages(
    META.id,
    {
        "no-email": "No email address was found.",
        "free-mail": "These addresses are on free mail services.",
    },
)


def run(site: CheckInput) -> Outcome:
    if not site.emails:
        return Outcome.not_applicable(MESSAGES("no-email"))
    free = [e for e in site.emails if e.address.rpartition("@")[2] in FREE_MAIL]
    if not free:
        return Outcome(1.0, display_value=COMMON("none"))
    return Outcome(
        0.0,
        display_value=", ".join(e.address for e in free[:3]),
        explanation=MESSAGES("free-mail"),
        evidence=[Evidence(url=e.pages[0] if e.pages else "", snippet=e.address) for e in free],
    )
