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
from auditor.judge.api import CheckInput, CheckMeta, Evidence, Outcome

META = CheckMeta(
    id="foreign-social-profiles",
    category="clarity",
    title="Social links point to the company's own profiles",
    failure_title="A social link points to a profile that is not the company's",
    requires=("social",),
    weight=1,
)

# Network ids as people write them (checks may not import auditor.names).
_NETWORKS = {"linkedin": "LinkedIn", "youtube": "YouTube", "tiktok": "TikTok", "github": "GitHub", "vk": "VK"}
_WHERE = {
    "nav": "navigation",
    "header": "header",
    "footer": "footer",
    "main": "page content",
    "widget": "chat widget",
    "contact-page": "contact page",
}


def _where(profile: SocialProfile) -> str:
    regions = [_WHERE.get(loc, loc) for loc in profile.locations if loc != "contact-page"]
    if not regions:
        return "in your structured data"
    listed = regions[0] if len(regions) == 1 else ", ".join(regions[:-1]) + " and " + regions[-1]
    return f"in your {listed}"


def _sentence(profile: SocialProfile) -> str:
    address = profile.url.split("://", 1)[-1]
    network = _NETWORKS.get(profile.network, profile.network[:1].upper() + profile.network[1:])
    what = f", {profile.not_company}, not yours" if profile.not_company else ", not yours"
    return (
        f"The {network} link {_where(profile)} points to {address}{what}: a leftover from a template or another site?"
    )


def _snippet(profile: SocialProfile) -> str:
    snippet = f"{profile.url} ({profile.not_company})" if profile.not_company else profile.url
    return snippet + (f", on {len(profile.pages)} pages" if len(profile.pages) > 1 else "")


def run(site: CheckInput) -> Outcome:
    foreign = site.foreign_social
    if not foreign and not site.social:
        return Outcome.not_applicable("No social profile was found.")
    if not foreign:
        return Outcome(1.0, display_value=f"{len(site.social)} profile(s), all the company's")
    return Outcome(
        0.0,
        display_value=f"{len(foreign)} profile(s) not the company's",
        explanation=" ".join(_sentence(p) for p in foreign),
        evidence=[
            Evidence(
                url=p.pages[0] if p.pages else "",
                selector=", ".join(p.locations) or "structured data",
                snippet=_snippet(p),
            )
            for p in foreign
        ],
    )
