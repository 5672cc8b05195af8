"""When there are several email addresses, each says what it is for.

Why it matters: faced with info@, hello@ and office@ and no word on which one
answers what, customers guess, write to all of them, or wait on an address
nobody reads.

How to fix: label every address with its purpose ("Support:", "Sales:",
"Press:"), or show a single address for customers.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="unlabelled-emails",
    category="clarity",
    title="Email addresses say what they are for",
    failure_title="Several email addresses with no word on which to use",
    requires=("emails",),
    weight=2,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "fewer-than-two": "Fewer than two email addresses, so there is nothing to choose between.",
        "labelled": "{n} of {total} labelled",
        "unlabelled": "{n} of {total} unlabelled",
        "no-label": "These addresses appear with no label saying which questions they answer.",
    },
)


def run(site: CheckInput) -> Outcome:
    emails = site.emails
    if len(emails) < 2:
        return Outcome.not_applicable(MESSAGES("fewer-than-two"))
    unlabelled = [e for e in emails if not e.label]
    if len(unlabelled) < 2:
        return Outcome(1.0, display_value=MESSAGES("labelled", n=len(emails) - len(unlabelled), total=len(emails)))
    return Outcome(
        1 - len(unlabelled) / len(emails),
        display_value=MESSAGES("unlabelled", n=len(unlabelled), total=len(emails)),
        explanation=MESSAGES("no-label"),
        evidence=[Evidence(url=e.pages[0], snippet=e.address, selector=", ".join(e.locations)) for e in unlabelled],
    )
