"""Contacts are published as structured data (schema.org Organization / ContactPoint).

Why it matters: search engines, maps and assistants read structured data to
show your phone and email directly in results, where many customers look first.

How to fix: add JSON-LD with an Organization (or LocalBusiness) that lists
`email`, `telephone` and a `contactPoint` with its `contactType`.
"""

from auditor.judge.api import CheckInput, CheckMeta, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="machine-readable-contacts",
    category="findability",
    title="Contacts are published as structured data",
    failure_title="No contacts are published as structured data",
    requires=("emails", "phones"),
    weight=1,
)

MESSAGES = Messages(META.id, {"none": "No email or phone is marked up with schema.org."})
_STRUCTURED = {"jsonld", "microdata", "rdfa", "hcard"}


def run(site: CheckInput) -> Outcome:
    if not site.emails and not site.phones:
        return Outcome.not_applicable(COMMON("no-email-or-phone"))
    marked = [e.address for e in site.emails if _STRUCTURED & set(e.sources)]
    marked += [p.e164 or p.raw for p in site.phones if _STRUCTURED & set(p.sources)]
    if marked:
        return Outcome(1.0, display_value=", ".join(marked[:3]))
    return Outcome(0.0, display_value=COMMON("none"), explanation=MESSAGES("none"))
