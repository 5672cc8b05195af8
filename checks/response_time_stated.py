"""The company says how long an answer will take.

Why it matters: customers who know an answer comes "within 24 hours" wait
calmly; without a stated time they chase the company on other channels.

How to fix: state the expected response time in the auto-acknowledgement and
on the contact page ("We answer within one working day").
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON, duration, duration_seconds, finished

META = CheckMeta(
    id="response-time-stated",
    category="responsiveness",
    title="The expected response time is stated",
    failure_title="No expected response time is stated",
    requires=("probes", "response_promises"),
    weight=1,
)

MESSAGES = Messages(
    META.id,
    {
        "within": "within {duration}",
        "not-measured": "Not measured: no contact page states a response time and no email or form probe has finished.",
        "not-stated": "Neither the replies nor the contact pages say when an answer would come.",
    },
)


SHOWN_SENTENCE = 80


def _shown(text: str, stated: str) -> str:
    """The site's own words when they are short, else the promised time."""
    if len(text) <= SHOWN_SENTENCE:
        return text
    seconds = duration_seconds(stated)
    return MESSAGES("within", duration=duration(seconds)) if seconds else stated


def run(site: CheckInput) -> Outcome:
    done = finished(site.probes, "email") + finished(site.probes, "form")
    in_replies = [p for p in done if p.promised_response_time]
    on_site = site.response_promises
    evidence = [Evidence(snippet=f"{p.target}: {p.promised_response_time}") for p in in_replies]
    evidence += [Evidence(url=r.pages[0] if r.pages else "", snippet=r.text[:160]) for r in on_site]
    if in_replies:
        return Outcome(1.0, display_value=in_replies[0].promised_response_time or "", evidence=evidence)
    if on_site:
        return Outcome(1.0, display_value=_shown(on_site[0].text, on_site[0].duration), evidence=evidence)
    if not done:
        return Outcome.not_applicable(MESSAGES("not-measured"))
    return Outcome(
        0.0,
        display_value=COMMON("not-stated"),
        explanation=MESSAGES("not-stated"),
    )
