"""A person answers a contact form message quickly (measured by probes).

Why it matters: A form feels like sending a message into the void; customers who hear
nothing assume it was lost and try louder channels.

How to fix: Send form messages to a monitored helpdesk queue (not a personal inbox), and
answer within the same targets as email.
"""

from auditor.judge.api import CheckInput, CheckMeta, Outcome
from checks._common import first_response_outcome

META = CheckMeta(
    id="first-response-form",
    category="responsiveness",
    title="A person answers a contact form message quickly",
    failure_title="A person is slow to answer a contact form message, or never does",
    requires=("probes",),
    weight=3,
    mode="numeric",
    # Log-normal curve: the p10 time scores 0.9, the median time 0.5 (seconds).
    options={"p10": 3600, "median": 43200},
)


def run(site: CheckInput) -> Outcome:
    return first_response_outcome(site.probes, "form", float(site.options["p10"]), float(site.options["median"]))
