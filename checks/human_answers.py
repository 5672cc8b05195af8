"""A person answers in the end (measured by probes).

Why it matters: an auto-reply is not an answer; studies that wrote to hundreds
of companies found most never replied at all, and customers remember that.

How to fix: make sure every channel you publish has an owner who answers, and
remove channels nobody reads.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import finished

META = CheckMeta(
    id="human-answers",
    category="responsiveness",
    title="A person answers every channel probed",
    failure_title="Some channels never got a human answer",
    requires=("probes",),
    weight=3,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "not-measured": "Not measured: no probe has finished.",
        "answered": "{n} of {total} answered by a person",
        "silent": "No person answered these probes.",
    },
)


def run(site: CheckInput) -> Outcome:
    done = [p for channel in ("email", "form", "chat") for p in finished(site.probes, channel)]
    if not done:
        return Outcome.not_applicable(MESSAGES("not-measured"))
    silent = [p for p in done if not p.first_human_reply_at]
    return Outcome(
        1 - len(silent) / len(done),
        display_value=MESSAGES("answered", n=len(done) - len(silent), total=len(done)),
        explanation="" if not silent else MESSAGES("silent"),
        evidence=[Evidence(snippet=f"{p.channel}: {p.target}") for p in silent],
    )
