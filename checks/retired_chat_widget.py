"""No retired chat widget is left on the site.

Why it matters: code for a chat service that no longer exists (such as the
Facebook Customer Chat plugin, shut down in May 2024) shows customers nothing,
or a broken button, while the site owner believes chat is on.

How to fix: remove the retired snippet and, if chat is wanted, install a live
chat or messenger link that works.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="retired-chat-widget",
    category="clarity",
    title="No retired chat widget",
    failure_title="A retired chat widget is still installed",
    requires=("chat_widgets",),
    weight=1,
)

MESSAGES = Messages(META.id, {"retired": "This chat service no longer works; customers get no chat from it."})


def run(site: CheckInput) -> Outcome:
    retired = [w for w in site.chat_widgets if w.retired]
    if not retired:
        return Outcome(1.0, display_value=COMMON("none"))
    return Outcome(
        0.0,
        display_value=", ".join(w.vendor for w in retired),
        explanation=MESSAGES("retired"),
        evidence=[Evidence(url=page, snippet=w.vendor) for w in retired for page in w.pages[:3]],
    )
