"""The contact form labels its fields and asks consent for the data it takes.

Why it matters: fields without labels confuse customers (and screen readers),
and a form that does not say what happens with the data makes careful
customers stop before sending.

How to fix: give every field a visible <label>, and add a consent or privacy
notice ("we use your details only to answer this message") with a link to the
privacy policy.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="form-fields-labelled",
    category="care",
    title="The contact form labels its fields and asks consent",
    failure_title="The contact form has unlabelled fields or no consent notice",
    requires=("forms",),
    weight=1,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "no-form": "No contact form was found.",
        "all-good": "labelled, with consent",
        "problems_one": "{n} problem(s)",
        "problems_other": "{n} problem(s)",
    },
)


def run(site: CheckInput) -> Outcome:
    if not site.forms:
        return Outcome.not_applicable(MESSAGES("no-form"))
    problems: list[Evidence] = []
    for form in site.forms:
        visible = [f for f in form.fields if f.kind != "honeypot"]
        unlabelled = [f.name or f.kind for f in visible if not f.label]
        if unlabelled:
            problems.append(Evidence(url=form.page, selector="form", snippet="no label: " + ", ".join(unlabelled)))
        if not any(f.kind == "consent" for f in form.fields):
            problems.append(Evidence(url=form.page, selector="form", snippet="no consent or privacy notice"))
    checks_made = 2 * len(site.forms)
    return Outcome(
        1 - len(problems) / checks_made,
        display_value=MESSAGES("all-good") if not problems else MESSAGES("problems", n=len(problems)),
        evidence=problems,
    )
