"""A person answers an email quickly (measured by probes).

Why it matters: Customers who write expect an answer the same working day; most
companies in published probe studies never answered at all, and those that did took
about half a day on average.

How to fix: Route the address to a shared inbox or helpdesk with an owner, set a first-
reply target (helpdesks aim for 1-4 hours), and watch it.
"""

from auditor.judge.api import CheckInput, CheckMeta, Outcome
from checks._common import first_response_outcome

META = CheckMeta(
    id="first-response-email",
    category="responsiveness",
    title="A person answers an email quickly",
    failure_title="A person is slow to answer an email, or never does",
    requires=("probes",),
    weight=3,
    mode="numeric",
    # Log-normal curve: the p10 time scores 0.9, the median time 0.5 (seconds).
    options={"p10": 3600, "median": 43200},
)


def run(site: CheckInput) -> Outcome:
    return first_response_outcome(site.probes, "email", float(site.options["p10"]), float(site.options["median"]))
