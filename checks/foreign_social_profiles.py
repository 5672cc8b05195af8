"""Social links point to the company's own profiles.

Why it matters: a Facebook or Instagram icon that opens a theme author's page, a
website builder's account or another company's profile sends customers who want
to follow or message you to someone else, and makes the site look unfinished.

How to fix: point each social icon in the header, navigation and footer at your
own profile, or remove the icons you have no profile for; check the theme's
footer and menu settings, where template defaults such as
facebook.com/themeforest often remain.
"""

from auditor.artifacts import SocialProfile
from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome, Phrase
from checks._common import COMMON, joined

META = CheckMeta(
    id="foreign-social-profiles",
    category="clarity",
    title="Social links point to the company's own profiles",
    failure_title="A social link points to a profile that is not the company's",
    requires=("social",),
    weight=1,
)

MESSAGES = Messages(
    META.id,
    {
        "foreign": "The {network} link {where} points to {address}, not yours: "
        "a leftover from a template or another site?",
        "foreign-named": "The {network} link {where} points to {address}, {owner}, not yours: "
        "a leftover from a template or another site?",
        "in-structured-data": "in your structured data",
        "in-regions": "in your {regions}",
        "and": "{first} and {last}",
        "nav": "navigation",
        "header": "header",
        "footer": "footer",
        "main": "page content",
        "widget": "chat widget",
        "all-own": "{n} profile(s), all the company's",
        "not-own": "{n} profile(s) not the company's",
    },
)

# Network ids as people write them (checks may not import auditor.names).
_NETWORKS = {"linkedin": "LinkedIn", "youtube": "YouTube", "tiktok": "TikTok", "github": "GitHub", "vk": "VK"}


def _where(profile: SocialProfile) -> Phrase:
    regions = [MESSAGES(loc) for loc in profile.locations if loc != "contact-page"]
    if not regions:
        return MESSAGES("in-structured-data")
    listed = regions[0] if len(regions) == 1 else MESSAGES("and", first=regions[:-1], last=regions[-1])
    return MESSAGES("in-regions", regions=listed)


def _sentence(profile: SocialProfile) -> Phrase:
    address = profile.url.split("://", 1)[-1]
    network = _NETWORKS.get(profile.network, profile.network[:1].upper() + profile.network[1:])
    # What the profile is instead comes from the gatherer in English: shown as data.
    if profile.not_company:
        return MESSAGES(
            "foreign-named", network=network, where=_where(profile), address=address, owner=profile.not_company
        )
    return MESSAGES("foreign", network=network, where=_where(profile), address=address)


def _snippet(profile: SocialProfile) -> str:
    snippet = f"{profile.url} ({profile.not_company})" if profile.not_company else profile.url
    return snippet + (f", on {len(profile.pages)} pages" if len(profile.pages) > 1 else "")


def run(site: CheckInput) -> Outcome:
    foreign = site.foreign_social
    if not foreign and not site.social:
        return Outcome.not_applicable(COMMON("no-social-profile"))
    if not foreign:
        return Outcome(1.0, display_value=MESSAGES("all-own", n=len(site.social)))
    return Outcome(
        0.0,
        display_value=MESSAGES("not-own", n=len(foreign)),
        explanation=joined([_sentence(p) for p in foreign]),
        evidence=[
            Evidence(
                url=p.pages[0] if p.pages else "",
                selector=", ".join(p.locations) or "structured data",
                snippet=_snippet(p),
            )
            for p in foreign
        ],
    )
