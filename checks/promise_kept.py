"""The company answers within the time it promised.

Why it matters: a broken promise annoys more than no promise; customers who
were told "24 hours" and hear nothing for three days feel misled.

How to fix: promise a time your team meets on its busiest days, and measure the
first human reply against it in your helpdesk.
"""

from auditor.checks_api import CheckInput, CheckMeta, Evidence, Outcome
from checks._common import duration_seconds, finished, human_duration, seconds_between

META = CheckMeta(
    id="promise-kept",
    category="responsiveness",
    title="Answers come within the promised time",
    failure_title="Answers come later than promised",
    requires=("probes",),
    weight=2,
    mode="numeric",
)


def run(site: CheckInput) -> Outcome:
    judged = 0
    evidence: list[Evidence] = []
    for probe in finished(site.probes, "email") + finished(site.probes, "form"):
        promised = duration_seconds(probe.promised_response_time or "")
        if promised is None:
            continue
        judged += 1
        waited = seconds_between(probe.sent_at, probe.first_human_reply_at)
        if waited is None:
            evidence.append(Evidence(snippet=f"{probe.target}: promised {human_duration(promised)}, no answer"))
        elif waited > promised:
            evidence.append(
                Evidence(snippet=f"{probe.target}: promised {human_duration(promised)}, took {human_duration(waited)}")
            )
    if not judged:
        return Outcome.not_applicable("Not measured: no reply promised a response time.")
    return Outcome(
        1 - len(evidence) / judged,
        display_value=f"{judged - len(evidence)} of {judged} kept",
        explanation="" if not evidence else "The answer came later than the company said it would.",
        evidence=evidence,
    )
