"""Customers can reach someone in real time: by phone, live chat or a messenger.

Why it matters: urgent problems (a failed payment, a delivery at the door)
cannot wait for an email reply; without a real-time channel customers escalate
in public or leave.

How to fix: publish a phone number, add live chat, or offer a messenger such as
WhatsApp or Telegram, and say when it is staffed.
"""

from auditor.judge.api import CheckInput, CheckMeta, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="realtime-channel",
    category="coverage",
    title="There is a real-time channel (phone, chat or messenger)",
    failure_title="There is no real-time channel",
    requires=("phones", "chat_widgets", "messengers"),
    weight=2,
)

MESSAGES = Messages(
    META.id,
    {
        "phone": "phone",
        "live-chat": "live chat",
        "messenger": "messenger",
        "none": "No phone, live chat or messenger link was found.",
    },
)


def run(site: CheckInput) -> Outcome:
    kinds = []
    if site.phones:
        kinds.append(MESSAGES("phone"))
    if any(not w.retired for w in site.chat_widgets):
        kinds.append(MESSAGES("live-chat"))
    if site.messengers:
        kinds.append(MESSAGES("messenger"))
    if kinds:
        return Outcome(1.0, display_value=COMMON("list", items=kinds))
    return Outcome(0.0, display_value=COMMON("none"), explanation=MESSAGES("none"))
