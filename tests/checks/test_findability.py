from auditor.artifacts import ContactPage
from auditor.judge.api import CheckInput
from checks import contact_link_in_footer, contact_page_exists
from tests.builders import BASE, page, site


def run_exists(**channels: object) -> float | None:
    return contact_page_exists.run(CheckInput(site(**channels), contact_page_exists.META.requires)).score


def test_contact_page_exists_passes_with_a_working_page() -> None:
    assert run_exists(contact_pages=[ContactPage(url=f"{BASE}/contact/", status=200)]) == 1.0


def test_contact_page_exists_fails_without_one_or_when_it_is_broken() -> None:
    assert run_exists() == 0.0
    outcome = contact_page_exists.run(
        CheckInput(
            site(contact_pages=[ContactPage(url=f"{BASE}/contact/", status=404)]), contact_page_exists.META.requires
        )
    )
    assert outcome.score == 0.0
    assert outcome.evidence[0].snippet == "HTTP 404"


def footer_outcome(pages: list, contact_pages: list | None = None):  # type: ignore[no-untyped-def]
    artifacts = site(pages, contact_pages=contact_pages or [ContactPage(url=f"{BASE}/contact/", status=200)])
    return contact_link_in_footer.run(CheckInput(artifacts, contact_link_in_footer.META.requires))


def test_footer_link_on_every_page_passes() -> None:
    outcome = footer_outcome([page("/"), page("/about/"), page("/contact/", contact=True)])
    assert outcome.score == 1.0
    assert outcome.display_value == "3 of 3 pages"


def test_pages_without_footer_link_are_listed() -> None:
    outcome = footer_outcome([page("/"), page("/about/", footer_contact=False), page("/x", footer_contact=False)])
    assert outcome.score is not None and abs(outcome.score - 1 / 3) < 1e-9
    assert [e.url for e in outcome.evidence] == [f"{BASE}/about/", f"{BASE}/x"]


def test_failed_pages_are_not_judged_and_no_pages_is_not_applicable() -> None:
    outcome = footer_outcome([page("/"), page("/gone", footer_contact=False, status=404)])
    assert outcome.score == 1.0
    assert footer_outcome([page("/gone", status=500)]).score is None
