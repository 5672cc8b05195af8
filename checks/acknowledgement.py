"""An automatic acknowledgement arrives at once after writing (measured by probes).

Why it matters: a short "we got your message, reference #123, we answer within
a day" stops customers from writing again, calling, or wondering whether the
message was lost.

How to fix: turn on your helpdesk's auto-acknowledgement for email and form
messages, with a reference number and the expected response time.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome, human_duration
from checks._common import COMMON, duration, finished, seconds_between

META = CheckMeta(
    id="acknowledgement",
    category="responsiveness",
    title="Messages are acknowledged at once",
    failure_title="Messages are not acknowledged at once",
    requires=("probes",),
    weight=1,
    mode="numeric",
    options={"within_seconds": 900},
)

MESSAGES = Messages(META.id, {"acknowledged": "{n} of {total} acknowledged within {within}"})


def run(site: CheckInput) -> Outcome:
    done = finished(site.probes, "email") + finished(site.probes, "form")
    if not done:
        return Outcome.not_applicable(COMMON("written-probes-unfinished"))
    limit = float(site.options["within_seconds"])
    late = []
    for probe in done:
        waited = seconds_between(probe.sent_at, probe.first_reply_at)
        if waited is None or waited > limit:
            shown = "nothing came back" if waited is None else f"first reply after {human_duration(waited)}"
            late.append(Evidence(snippet=f"{probe.channel} {probe.target}: {shown}"))
    return Outcome(
        1 - len(late) / len(done),
        display_value=MESSAGES("acknowledged", n=len(done) - len(late), total=len(done), within=duration(limit)),
        evidence=late,
    )
