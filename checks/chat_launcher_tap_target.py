"""On a phone, the chat launcher is big enough to tap.

Why it matters: a launcher smaller than a fingertip is missed or mis-tapped,
and customers on phones (most of them) give up on chat.

How to fix: keep the launcher at least 44 by 44 CSS pixels on mobile (the size
Apple and Google recommend for touch targets); do not shrink it in mobile styles.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="chat-launcher-tap-target",
    category="findability",
    title="The chat launcher is big enough to tap on a phone",
    failure_title="The chat launcher is too small to tap on a phone",
    requires=("chat_widgets",),
    weight=1,
    options={"min_px": 44},
)

MESSAGES = Messages(
    META.id,
    {
        "not-measured": "No chat launcher was measured on a phone screen.",
        "too-small": "Touch targets should be at least {px:.0f}×{px:.0f} CSS pixels.",
    },
)


def run(site: CheckInput) -> Outcome:
    minimum = float(site.options["min_px"])
    boxes = [
        (w, w.placement.mobile)
        for w in site.chat_widgets
        if not w.retired and w.placement.mobile is not None and w.placement.mobile.corner != "none"
    ]
    if not boxes:
        return Outcome.not_applicable(MESSAGES("not-measured"))
    small = [(w, box) for w, box in boxes if box is not None and min(box.width, box.height) < minimum]
    if not small:
        sizes = ", ".join(f"{box.width:.0f}×{box.height:.0f}" for _, box in boxes if box is not None)
        return Outcome(1.0, display_value=sizes)
    return Outcome(
        0.0,
        display_value=", ".join(f"{box.width:.0f}×{box.height:.0f} px" for _, box in small),
        explanation=MESSAGES("too-small", px=minimum),
        evidence=[
            Evidence(url=box.page, selector="mobile", snippet=w.vendor, screenshot=box.screenshot) for w, box in small
        ],
    )
