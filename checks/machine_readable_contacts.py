"""Contacts are published as structured data (schema.org Organization / ContactPoint).

Why it matters: search engines, maps and assistants read structured data to
show your phone and email directly in results, where many customers look first.

How to fix: add JSON-LD with an Organization (or LocalBusiness) that lists
`email`, `telephone` and a `contactPoint` with its `contactType`.
"""

from auditor.judge.api import CheckInput, CheckMeta, Outcome

META = CheckMeta(
    id="machine-readable-contacts",
    category="findability",
    title="Contacts are published as structured data",
    failure_title="No contacts are published as structured data",
    requires=("emails", "phones"),
    weight=1,
)
_STRUCTURED = {"jsonld", "microdata", "rdfa", "hcard"}


def run(site: CheckInput) -> Outcome:
    if not site.emails and not site.phones:
        return Outcome.not_applicable("No email address or phone number was found.")
    marked = [e.address for e in site.emails if _STRUCTURED & set(e.sources)]
    marked += [p.e164 or p.raw for p in site.phones if _STRUCTURED & set(p.sources)]
    if marked:
        return Outcome(1.0, display_value=", ".join(marked[:3]))
    return Outcome(0.0, display_value="none", explanation="No email or phone is marked up with schema.org.")
