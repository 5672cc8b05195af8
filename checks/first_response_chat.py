"""A person answers a live chat message quickly (measured by probes).

Why it matters: Chat promises an answer now; customers wait a minute or two, not ten,
before closing the window.

How to fix: Staff chat during stated hours, show an away form outside them, and route
chats to people who can answer.
"""

from auditor.judge.api import CheckInput, CheckMeta, Outcome
from checks._common import first_response_outcome

META = CheckMeta(
    id="first-response-chat",
    category="responsiveness",
    title="A person answers a live chat message quickly",
    failure_title="A person is slow to answer a live chat message, or never does",
    requires=("probes",),
    weight=3,
    mode="numeric",
    # Log-normal curve: the p10 time scores 0.9, the median time 0.5 (seconds).
    options={"p10": 60, "median": 300},
)


def run(site: CheckInput) -> Outcome:
    return first_response_outcome(site.probes, "chat", float(site.options["p10"]), float(site.options["median"]))
