"""The site says when customers can reach someone.

Why it matters: a customer who calls at 19:00 and hears nothing, or chats at
night and waits, blames the company; stated hours set the expectation and send
urgent questions to the right channel at the right time.

How to fix: state your support hours (with the time zone) next to the phone
number and on the contact page, and mark them up as schema.org openingHours.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="support-hours-stated",
    category="human-touch",
    title="Support hours are stated",
    failure_title="The site does not say when someone can be reached",
    requires=("opening_hours", "phones", "chat_widgets"),
    weight=1,
)

MESSAGES = Messages(
    META.id,
    {
        "nothing-to-staff": "No phone or live chat, so there are no hours to state.",
        "no-hours": "No opening or support hours were found.",
    },
)


def run(site: CheckInput) -> Outcome:
    if not site.phones and not any(not w.retired for w in site.chat_widgets):
        return Outcome.not_applicable(MESSAGES("nothing-to-staff"))
    if site.opening_hours:
        first = site.opening_hours[0]
        return Outcome(
            1.0,
            display_value=first.text[:80],
            evidence=[Evidence(url=h.pages[0] if h.pages else "", snippet=h.text[:120]) for h in site.opening_hours],
        )
    return Outcome(0.0, display_value=COMMON("not-stated"), explanation=MESSAGES("no-hours"))
