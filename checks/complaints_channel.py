"""There is a way to give feedback or make a complaint.

Why it matters: an unhappy customer who finds no place to complain tells their
friends and review sites instead; a named complaints or feedback channel keeps
the problem where the company can fix it.

How to fix: publish a complaints or feedback address (labelled as such) or a
feedback page, and say what happens next.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON, COMPLAINT_WORDS

META = CheckMeta(
    id="complaints-channel",
    category="care",
    title="A feedback or complaints channel exists",
    failure_title="There is no feedback or complaints channel",
    requires=("emails", "pages"),
    weight=1,
)

MESSAGES = Messages(META.id, {"none": "No email or page is labelled for feedback or complaints."})


def run(site: CheckInput) -> Outcome:
    for email in site.emails:
        if email.label and COMPLAINT_WORDS.search(email.label):
            return Outcome(
                1.0,
                display_value=f"{email.label}: {email.address}",
                evidence=[Evidence(url=email.pages[0] if email.pages else "", snippet=email.address)],
            )
    for page in site.html_pages:
        for link in page.links:
            if COMPLAINT_WORDS.search(link.text) or COMPLAINT_WORDS.search(link.url):
                return Outcome(
                    1.0, display_value=f'"{link.text or link.url}"', evidence=[Evidence(url=page.url, snippet=link.url)]
                )
    return Outcome(0.0, display_value=COMMON("none"), explanation=MESSAGES("none"))
