"""There is one profile per social network.

Why it matters: two Facebook pages or two Instagram accounts leave customers
unsure which one is official and which one answers; messages go to the
abandoned one, and impostors find it easier to pass for you.

How to fix: link only the profile you look after on each network, and close or
merge the others.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="duplicate-social-profiles",
    category="clarity",
    title="One profile per social network",
    failure_title="Several profiles on the same social network",
    requires=("social",),
    weight=1,
)

MESSAGES = Messages(
    META.id,
    {
        "one-each": "{n} network(s), one profile each",
        "duplicated": "The site links more than one profile on the same network.",
    },
)


def run(site: CheckInput) -> Outcome:
    if not site.social:
        return Outcome.not_applicable(COMMON("no-social-profile"))
    by_network: dict[str, list[str]] = {}
    for profile in site.social:
        by_network.setdefault(profile.network, []).append(profile.url)
    duplicated = {network: urls for network, urls in by_network.items() if len(urls) > 1}
    if not duplicated:
        return Outcome(1.0, display_value=MESSAGES("one-each", n=len(by_network)))
    return Outcome(
        0.0,
        display_value=", ".join(f"{len(urls)} {network}" for network, urls in duplicated.items()),
        explanation=MESSAGES("duplicated"),
        evidence=[Evidence(url=url, snippet=network) for network, urls in duplicated.items() for url in urls],
    )
