"""Customers can write through a messenger app (WhatsApp, Telegram, Viber, ...).

Why it matters: in much of the world customers prefer messaging a business to
calling or emailing it; a messenger link lets them write from the app they
already have open, and keeps the conversation on their phone.

How to fix: add a click-to-chat link (https://wa.me/NUMBER, https://t.me/NAME,
viber://chat?number=...) next to your other contacts.
"""

from auditor.judge.api import CheckInput, CheckMeta, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="messengers-offered",
    category="coverage",
    title="A messenger is offered",
    failure_title="No messenger is offered",
    requires=("messengers",),
    weight=1,
)

MESSAGES = Messages(META.id, {"none": "No WhatsApp, Telegram, Viber or similar link was found."})


def run(site: CheckInput) -> Outcome:
    networks = sorted({m.network for m in site.messengers})
    if networks:
        return Outcome(1.0, display_value=", ".join(networks))
    return Outcome(0.0, display_value=COMMON("none"), explanation=MESSAGES("none"))
