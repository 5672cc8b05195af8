"""The company answers within the time it promised.

Why it matters: a broken promise annoys more than no promise; customers who
were told "24 hours" and hear nothing for three days feel misled.

How to fix: promise a time your team meets on its busiest days, and measure the
first human reply against it in your helpdesk.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome, human_duration
from checks._common import COMMON, duration_seconds, finished, seconds_between

META = CheckMeta(
    id="promise-kept",
    category="responsiveness",
    title="Answers come within the promised time",
    failure_title="Answers come later than promised",
    requires=("probes", "response_promises"),
    weight=2,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "no-promise": "Not measured: neither the replies nor the contact pages promised a time.",
        "kept_one": "{n} of {total} kept",
        "kept_other": "{n} of {total} kept",
        "late": "The answer came later than the company said it would.",
    },
)


def run(site: CheckInput) -> Outcome:
    # A reply's own promise is the one made to this customer; else the contact page's.
    # Of several on the site, the longest is held against the company: it is the one
    # it can least be said to have broken.
    stated = [s for s in (duration_seconds(r.duration) for r in site.response_promises) if s]
    site_promise = max(stated) if stated else None
    judged = 0
    evidence: list[Evidence] = []
    for probe in finished(site.probes, "email") + finished(site.probes, "form"):
        promised = duration_seconds(probe.promised_response_time or "")
        where = ""
        if promised is None and site_promise is not None:
            promised, where = site_promise, " on the contact page"
        if promised is None:
            continue
        judged += 1
        waited = seconds_between(probe.sent_at, probe.first_human_reply_at)
        said = f"{probe.target}: promised {human_duration(promised)}{where}"
        if waited is None:
            evidence.append(Evidence(snippet=f"{said}, no answer"))
        elif waited > promised:
            evidence.append(Evidence(snippet=f"{said}, took {human_duration(waited)}"))
    if not judged:
        if not finished(site.probes, "email") + finished(site.probes, "form"):
            return Outcome.not_applicable(COMMON("written-probes-unfinished"))
        return Outcome.not_applicable(MESSAGES("no-promise"))
    return Outcome(
        1 - len(evidence) / judged,
        display_value=MESSAGES("kept", n=judged - len(evidence), total=judged),
        explanation="" if not evidence else MESSAGES("late"),
        evidence=evidence,
    )
