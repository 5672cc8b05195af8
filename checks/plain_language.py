"""The contact page is written in plain language (informative).

Why it matters: customers come to the contact page with a problem and little
patience; long sentences and long words slow them down, in any language.

How to fix: keep sentences short (about 15 words), say what each channel is for
and when it answers, and move legal text to its own page.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome, Phrase
from checks._common import joined

META = CheckMeta(
    id="plain-language",
    category="human-touch",
    title="The contact page is written plainly",
    failure_title="The contact page is hard to read",
    requires=("pages",),
    weight=0,
    mode="informative",
    # Average words per sentence that still read as plain, and where reading gets hard.
    options={"plain": 15, "hard": 30},
)

MESSAGES = Messages(
    META.id,
    {
        "too-little-text": "No contact page with enough text to measure.",
        "per-sentence": "{words:.0f} words per sentence ({lang})",
        "guide": "Plain text keeps sentences near {plain:.0f} words; above {hard:.0f} most readers struggle.",
    },
)


def run(site: CheckInput) -> Outcome:
    measured = [p for p in site.html_pages if p.is_contact_page and p.text is not None and p.text.words >= 20]
    if not measured:
        return Outcome.not_applicable(MESSAGES("too-little-text"))
    plain, hard = float(site.options["plain"]), float(site.options["hard"])
    evidence = []
    scores = []
    lengths: list[Phrase] = []
    for page in measured:
        assert page.text is not None
        per_sentence = page.text.words / max(1, page.text.sentences)
        scores.append(max(0.0, min(1.0, (hard - per_sentence) / (hard - plain))))
        lengths.append(MESSAGES("per-sentence", words=per_sentence, lang=page.lang or "?"))
        evidence.append(Evidence(url=page.url, snippet=lengths[-1]))
    return Outcome(
        sum(scores) / len(scores),
        display_value=joined(lengths[:2], "semicolon"),
        explanation=MESSAGES("guide", plain=plain, hard=hard),
        evidence=evidence,
    )
