from auditor.artifacts import ContactLinkProblem, Messenger, Phone
from checks import malformed_contact_links
from tests.builders import BASE, judge, site


def problem(code: str, href: str, e164: str | None = None, *pages: str, number: str = "") -> ContactLinkProblem:
    return ContactLinkProblem(
        problem=code, href=href, e164=e164, number=number, pages=list(pages) or [f"{BASE}/"], locations=["footer"]
    )


def snippets(*found: ContactLinkProblem) -> list[str]:
    return [e.snippet for e in judge(malformed_contact_links, site(link_problems=list(found))).evidence]


def test_links_that_work_pass_and_a_site_without_phone_links_is_not_judged() -> None:
    working = site(phones=[Phone(raw="+442079460958", sources=["tel"])])
    assert judge(malformed_contact_links, working).score == 1.0
    chat = site(messengers=[Messenger(network="whatsapp", url="https://wa.me/447911123456")])
    assert judge(malformed_contact_links, chat).score == 1.0
    assert judge(malformed_contact_links, site()).score is None


def test_a_whatsapp_link_to_the_wrong_country_fails_with_the_corrected_link() -> None:
    found = problem("whatsapp-no-country-code", "https://wa.me/09845012345", "+919845012345", f"{BASE}/", f"{BASE}/a/")
    outcome = judge(malformed_contact_links, site(link_problems=[found]))
    assert (outcome.score, outcome.display_value) == (0.0, "1 link(s) to fix")
    [row] = outcome.evidence
    assert (row.url, row.selector) == (f"{BASE}/", "footer")
    assert row.snippet.startswith("https://wa.me/09845012345: the number has no country code")
    assert row.snippet.endswith("write the number as wa.me/919845012345 (and 1 other page(s))")


def test_each_problem_says_what_is_wrong_and_how_to_write_the_link() -> None:
    assert snippets(problem("mailto-phone", "mailto:+919845012345", "+919845012345")) == [
        "mailto:+919845012345: a mailto: link opens an email, not a call, and a phone number is no address; "
        "use tel:+919845012345 instead"
    ]
    assert snippets(problem("mailto-phone", "mailto:098450 12345")) == [
        "mailto:098450 12345: a mailto: link opens an email, not a call, and a phone number is no address; "
        "use a tel: link with the number in international form instead"
    ]
    [letters] = snippets(problem("tel-letters", "tel:1-800-FLOWERS", "+18003569377"))
    assert letters.endswith("write the digits, tel:+18003569377 (the word can stay in the link's text)")
    [unknown] = snippets(problem("whatsapp-no-country-code", "https://wa.me/07911123456"))
    assert unknown.endswith("followed by the country code and the number, without + or a leading 0")
    [mismatch] = snippets(
        problem("whatsapp-number-mismatch", "https://wa.me/919845054321", "+919845012345", number="+91 98450 12345")
    )
    assert mismatch.endswith("wa.me/919845012345 if the number it shows (+91 98450 12345) is right")
    [placeholder] = snippets(problem("tel-placeholder", "tel:+91XXXXXXXXXX"))
    assert placeholder == (
        "tel:+91XXXXXXXXXX: the link dials a template's placeholder, not the company; "
        "put the company's number in the link, or remove the link"
    )


def test_letters_and_template_leftovers_weigh_less_than_links_that_reach_nobody() -> None:
    minor = [problem("tel-letters", "tel:1-800-FLOWERS", "+18003569377"), problem("tel-placeholder", "tel:0000000000")]
    outcome = judge(malformed_contact_links, site(link_problems=minor))
    assert outcome.score == 0.5 and "template" in outcome.explanation
    serious = problem("web-phone", "http://+569 29786135", "+56929786135")
    outcome = judge(malformed_contact_links, site(link_problems=[*minor, serious]))
    assert outcome.score == 0.0
    # The links that reach nobody come first.
    assert [e.snippet.split(":", 1)[0] for e in outcome.evidence] == ["http", "tel", "tel"]
