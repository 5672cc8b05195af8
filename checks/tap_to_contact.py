"""Phone numbers are tel: links and email addresses are mailto: links.

Why it matters: on a phone, a linked number is one tap to call and a linked
address opens a new email; plain text must be copied by hand, and many
customers give up there.

How to fix: wrap every phone number in <a href="tel:+..."> (in international
format) and every address in <a href="mailto:...">.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="tap-to-contact",
    category="findability",
    title="Phones and emails can be tapped to call or write",
    failure_title="Some phones or emails are plain text, not links",
    requires=("emails", "phones"),
    weight=1,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "linked": "{n} of {total} always linked",
        "plain-text": "These are shown as plain text on some pages, where they cannot be tapped.",
    },
)


def run(site: CheckInput) -> Outcome:
    contacts = [(e.address, e.unlinked_on) for e in site.emails] + [(p.raw, p.unlinked_on) for p in site.phones]
    if not contacts:
        return Outcome.not_applicable(COMMON("no-email-or-phone"))
    plain = [(value, pages) for value, pages in contacts if pages]
    return Outcome(
        1 - len(plain) / len(contacts),
        display_value=MESSAGES("linked", n=len(contacts) - len(plain), total=len(contacts)),
        explanation="" if not plain else MESSAGES("plain-text"),
        evidence=[Evidence(url=page, snippet=value) for value, pages in plain for page in pages],
    )
