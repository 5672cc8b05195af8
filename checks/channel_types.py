"""The site offers several kinds of contact channel.

Why it matters: customers differ: some want to call, some to write, some to
chat or message from their phone. One channel alone leaves many without a way
that suits them, and leaves nobody any way at all when it fails.

How to fix: offer at least two kinds of channel, ideally one real-time (phone,
live chat or a messenger) and one written (email or a contact form).
"""

from auditor.artifacts import Channels
from auditor.judge.api import CheckInput, CheckMeta, Messages, Outcome

META = CheckMeta(
    id="channel-types",
    category="coverage",
    title="Several kinds of contact channel are offered",
    failure_title="Too few kinds of contact channel are offered",
    requires=("emails", "phones", "forms", "chat_widgets", "messengers", "social"),
    weight=3,
    mode="numeric",
    # Score for 0, 1, 2, ... kinds of channel; more kinds than listed score the last value.
    options={"curve": (0.0, 0.5, 0.9, 1.0)},
)

MESSAGES = Messages(
    META.id,
    {
        "kinds": "{n}: {kinds}",
        "email": "email",
        "phone": "phone",
        "form": "form",
        "chat": "chat",
        "messenger": "messenger",
        "social": "social",
        "too-few": "Customers have at most one kind of channel to choose from.",
    },
)


def run(site: CheckInput) -> Outcome:
    kinds = Channels(
        emails=site.emails,
        phones=site.phones,
        forms=site.forms,
        chat_widgets=site.chat_widgets,
        messengers=site.messengers,
        social=site.social,
    ).channel_types()
    curve = [float(point) for point in site.options["curve"]]
    score = curve[min(len(kinds), len(curve) - 1)]
    return Outcome(
        score,
        display_value=MESSAGES("kinds", n=len(kinds), kinds=[MESSAGES(kind) for kind in kinds]) if kinds else "0",
        explanation="" if score >= 0.9 else MESSAGES("too-few"),
    )
