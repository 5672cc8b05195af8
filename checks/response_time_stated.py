"""The company says how long an answer will take.

Why it matters: customers who know an answer comes "within 24 hours" wait
calmly; without a stated time they chase the company on other channels.

How to fix: state the expected response time in the auto-acknowledgement and
on the contact page ("We answer within one working day").
"""

from auditor.checks_api import CheckInput, CheckMeta, Evidence, Outcome
from checks._common import finished

META = CheckMeta(
    id="response-time-stated",
    category="responsiveness",
    title="The expected response time is stated",
    failure_title="No expected response time is stated",
    requires=("probes",),
    weight=1,
)


def run(site: CheckInput) -> Outcome:
    done = finished(site.probes, "email") + finished(site.probes, "form")
    if not done:
        return Outcome.not_applicable("Not measured: no email or form probe has finished.")
    promised = [p for p in done if p.promised_response_time]
    if promised:
        return Outcome(
            1.0,
            display_value=promised[0].promised_response_time or "",
            evidence=[Evidence(snippet=f"{p.target}: {p.promised_response_time}") for p in promised],
        )
    return Outcome(0.0, display_value="not stated", explanation="No reply said when an answer would come.")
