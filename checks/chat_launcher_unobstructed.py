"""The chat launcher is visible and nothing covers it.

Why it matters: a launcher hidden under a cookie banner, a "back to top"
button or another widget cannot be tapped; customers conclude there is no chat.

How to fix: keep fixed elements (cookie banners, promotions, other widgets)
clear of the launcher's corner, or move the launcher with the vendor's offset
settings; check on a phone as well as a laptop.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="chat-launcher-unobstructed",
    category="findability",
    title="The chat launcher is visible and uncovered",
    failure_title="The chat launcher is hidden or covered",
    requires=("chat_widgets",),
    weight=2,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "clear": "{n} of {total} clear",
        "hidden": "Customers cannot see or tap the launcher here.",
    },
)


def run(site: CheckInput) -> Outcome:
    measured = 0
    evidence: list[Evidence] = []
    for widget in (w for w in site.chat_widgets if not w.retired):
        for viewport, box in (("desktop", widget.placement.desktop), ("mobile", widget.placement.mobile)):
            if box is None:
                continue
            measured += 1
            page = box.page or (widget.pages[0] if widget.pages else "")
            problem = ""
            if box.corner == "none":
                problem = "no launcher drawn"
            elif not box.visible:
                problem = "off screen"
            elif box.overlaps:
                problem = "covered by " + ", ".join(box.overlaps)
            if problem:
                evidence.append(
                    Evidence(
                        url=page, selector=viewport, snippet=f"{widget.vendor}: {problem}", screenshot=box.screenshot
                    )
                )
    if not measured:
        return Outcome.not_applicable(COMMON("no-launcher-measured"))
    return Outcome(
        1 - len(evidence) / measured,
        display_value=MESSAGES("clear", n=measured - len(evidence), total=measured),
        explanation="" if not evidence else MESSAGES("hidden"),
        evidence=evidence,
    )
