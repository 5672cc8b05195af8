"""The names a site goes by, and whether a profile's handle is one of them."""

import pytest

from auditor.gather.extract.brand import Brand, copyright_owner, core, domain_name, page_brand, title_names
from auditor.gather.extract.dom import parse


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Velo-Werk GmbH", "velowerk"),
        ("VeloWerkOfficial", "velowerk"),
        ("harbortoolsltd", "harbortools"),
        ("Café Müller", "cafemuller"),
        ("tabasco", "tabasco"),  # a word ending in "co" keeps it
    ],
)
def test_core_drops_case_accents_separators_and_legal_forms(name: str, expected: str) -> None:
    assert core(name) == expected


@pytest.mark.parametrize(
    "handle",
    ["velowerk", "Velo.Werk", "velo_werk_berlin", "VeloWerkOfficial", "werkstatt_velo", "velo-werk-gmbh", "werk"],
)
def test_handles_of_the_brand_match(handle: str) -> None:
    assert Brand.of(["velo-werk", "Velo Werk GmbH"]).matches(handle)


@pytest.mark.parametrize("handle", ["themeforest", "colorlib", "lmgfinance", "bikes", "vw", "123456789"])
def test_other_handles_do_not_match(handle: str) -> None:
    assert not Brand.of(["velo-werk", "Velo Werk GmbH"]).matches(handle)


def test_generic_words_are_not_names() -> None:
    assert not Brand.of(["Home", "Kontakt", "Welcome", "2024"])
    assert Brand.of(["Home", "Nimbus"]).names == ("Nimbus",)
    # A shared word counts only when it says something: "shop" is in every other name.
    assert not Brand.of(["Nimbus Shop"]).matches("shop_berlin")


def test_domain_and_title_names() -> None:
    assert domain_name("velo-werk.de") == "velo-werk"
    assert domain_name("127.0.0.1") == domain_name("localhost") == ""
    assert title_names("Kontakt | Velo Werk – Fahrräder in Berlin") == ["Kontakt", "Velo Werk", "Fahrräder in Berlin"]
    assert title_names("Velo Werk: Räder") == ["Velo Werk", "Räder"]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("© 2024 Velo Werk GmbH. Alle Rechte vorbehalten.", "Velo Werk GmbH"),
        (
            "Copyright ©2019-2024 Faith Works Outdoor Services LLC, All Rights Reserved",
            "Faith Works Outdoor Services LLC",
        ),
        ("© Copyright Velo Werk 2024 | Design by Colorlib", "Velo Werk"),
        ("Velo Werk © 2024", "Velo Werk"),
        # Credits name the theme's author, never the owner.
        ("Copyright © 2024 All rights reserved | This template is made with ♥ by Colorlib", ""),
        ("© 2024 Designed by Colorlib", ""),
        ("No mark here", ""),
    ],
)
def test_the_copyright_line_names_the_owner_not_the_theme_author(line: str, owner: str) -> None:
    assert copyright_owner(line) == owner


def test_a_page_names_its_owner_in_meta_json_ld_and_copyright() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Velo Werk">'
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "BikeStore", "name": "Velo-Werk Berlin", "telephone": "+49301234567",'
        ' "sameAs": ["https://www.facebook.com/velowerk/"]},'
        '{"@type": "Person", "name": "Ada Author", "sameAs": "https://twitter.com/ada"}]}</script></head>'
        "<body><footer><p>© 2024 <a href='/'>Velo Werk GmbH</a>. Theme by <a href='https://colorlib.com'>Colorlib</a>"
        "</p><!-- © 2019 Old Name --></footer></body></html>"
    )
    brand = page_brand(parse(html), html, "https://velo-werk.de/")
    assert brand.site_names == ("Velo Werk",)
    assert brand.owner_names == ("Velo-Werk Berlin",)
    assert brand.copyright == ("Velo Werk GmbH",)
    # The organisation's profiles are declared; the author's are someone else's.
    assert brand.declared == ("https://facebook.com/velowerk",)
