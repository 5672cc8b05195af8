"""foreign-social-profiles: each social link that is not the company's, where it is and what it is."""

from auditor.artifacts import SocialProfile
from checks import channel_types, duplicate_social_profiles, foreign_social_profiles
from tests.builders import BASE, judge, site

OWN = SocialProfile(network="facebook", url="https://facebook.com/nimbusbikes", handle="nimbusbikes")
THEME = SocialProfile(
    network="facebook",
    url="https://facebook.com/themeforest",
    handle="themeforest",
    pages=[f"{BASE}/", f"{BASE}/contact/"],
    locations=["nav", "footer"],
    not_company="a theme author's page",
)


def test_only_the_companys_profiles_pass() -> None:
    outcome = judge(foreign_social_profiles, site(social=[OWN]))
    assert (outcome.score, outcome.display_value) == (1.0, "1 profile(s), all the company's")


def test_no_social_link_at_all_is_not_applicable() -> None:
    assert judge(foreign_social_profiles, site()).score is None


def test_a_theme_authors_page_is_reported_with_its_page_and_place() -> None:
    outcome = judge(foreign_social_profiles, site(social=[OWN], foreign_social=[THEME]))
    assert outcome.score == 0.0
    assert outcome.explanation == (
        "The Facebook link in your navigation and footer points to facebook.com/themeforest, a theme author's page,"
        " not yours: a leftover from a template or another site?"
    )
    [row] = outcome.evidence
    assert (row.url, row.selector, row.snippet) == (
        f"{BASE}/",
        "nav, footer",
        "https://facebook.com/themeforest (a theme author's page), on 2 pages",
    )


def test_a_leftover_alone_fails_and_counts_as_no_channel() -> None:
    placeholder = SocialProfile(
        network="x", url="https://twitter.com/username", not_company="a placeholder left in the template"
    )
    artifacts = site(foreign_social=[placeholder, THEME])
    outcome = judge(foreign_social_profiles, artifacts)
    assert (outcome.score, outcome.display_value) == (0.0, "2 profile(s) not the company's")
    assert outcome.explanation.startswith("The X link in your structured data points to twitter.com/username,")
    assert [row.selector for row in outcome.evidence] == ["structured data", "nav, footer"]
    # Checks that count the company's channels do not see them.
    assert judge(channel_types, artifacts).display_value == "0"
    assert judge(duplicate_social_profiles, site(social=[OWN], foreign_social=[THEME])).score == 1.0


def test_a_profile_without_a_reason_still_reads_well() -> None:
    bare = SocialProfile(network="linkedin", url="https://linkedin.com/company/other", locations=["main"])
    outcome = judge(foreign_social_profiles, site(foreign_social=[bare]))
    assert outcome.explanation == (
        "The LinkedIn link in your page content points to linkedin.com/company/other, not yours:"
        " a leftover from a template or another site?"
    )
