"""The footer and the contact page give the same phone numbers and emails.

Why it matters: when the footer says one number and the contact page another,
customers do not know which is current and suspect neither is answered.

How to fix: keep contacts in one place (a shared include or CMS setting) and
show the same details in the footer and on the contact page.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="consistent-contacts",
    category="clarity",
    title="Footer and contact page agree",
    failure_title="Footer and contact page give different contacts",
    requires=("emails", "phones"),
    weight=1,
)

MESSAGES = Messages(
    META.id,
    {
        "not-both": "The footer and the contact page do not both show an email or phone.",
        "differ": "they differ",
        "nothing-in-common": "The footer and the contact page show no email or phone in common.",
        "agree": "they agree",
    },
)


def _sides(entries: list[tuple[str, list[str]]]) -> tuple[set[str], set[str]]:
    footer = {value for value, locations in entries if "footer" in locations}
    contact = {
        value
        for value, locations in entries
        if "contact-page" in locations and set(locations) - {"footer", "contact-page"}
    }
    return footer, contact


def run(site: CheckInput) -> Outcome:
    compared = 0
    evidence: list[Evidence] = []
    kinds: list[tuple[str, list[tuple[str, list[str]]]]] = [
        ("email", [(e.address, list(e.locations)) for e in site.emails]),
        ("phone", [(p.e164 or p.raw, list(p.locations)) for p in site.phones]),
    ]
    for kind, entries in kinds:
        footer, contact = _sides(entries)
        if not footer or not contact:
            continue
        compared += 1
        if footer.isdisjoint(contact):
            evidence += [Evidence(selector="footer", snippet=f"{kind}: {v}") for v in sorted(footer)]
            evidence += [Evidence(selector="contact page", snippet=f"{kind}: {v}") for v in sorted(contact)]
    if not compared:
        return Outcome.not_applicable(MESSAGES("not-both"))
    if evidence:
        return Outcome(
            0.0,
            display_value=MESSAGES("differ"),
            explanation=MESSAGES("nothing-in-common"),
            evidence=evidence,
        )
    return Outcome(1.0, display_value=MESSAGES("agree"))
