"""A chat bot hands over to a person when the customer asks.

Why it matters: bots answer simple questions, but a customer with a real
problem who cannot get past the bot feels trapped, and that is the complaint
customers repeat most about chat.

How to fix: let the bot offer "talk to a person" and route the chat to an agent
(or to an email follow-up outside staffed hours).
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="bot-handover",
    category="human-touch",
    title="The chat bot hands over to a person",
    failure_title="The chat bot does not hand over to a person",
    requires=("probes",),
    weight=2,
)

MESSAGES = Messages(
    META.id,
    {
        "not-measured": "Not measured: no chat probe met a bot and asked for a person.",
        "no-person": "no person came",
        "person-came": "a person took over",
    },
)


def run(site: CheckInput) -> Outcome:
    tried = [p for p in site.probes if p.channel == "chat" and p.human_handover is not None]
    if not tried:
        return Outcome.not_applicable(MESSAGES("not-measured"))
    refused = [p for p in tried if not p.human_handover]
    return Outcome(
        0.0 if refused else 1.0,
        display_value=MESSAGES("no-person" if refused else "person-came"),
        evidence=[Evidence(snippet=p.target) for p in refused],
    )
