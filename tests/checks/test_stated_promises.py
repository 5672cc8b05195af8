"""The site's own promised response time, without and with probes."""

from auditor.artifacts import ResponsePromise
from checks import promise_kept, response_time_stated
from tests.builders import BASE, judge, probe, site

ON_CONTACT_PAGE = ResponsePromise(
    text="We answer every message within 24 hours.", duration="PT24H", pages=[f"{BASE}/contact/"]
)


def test_a_report_without_probes_shows_the_sites_promise() -> None:
    outcome = judge(response_time_stated, site(response_promises=[ON_CONTACT_PAGE]))
    assert outcome.score == 1.0
    assert outcome.display_value == "We answer every message within 24 hours."
    assert [(e.url, e.snippet) for e in outcome.evidence] == [
        (f"{BASE}/contact/", "We answer every message within 24 hours.")
    ]


def test_a_long_sentence_is_shown_as_the_promised_time() -> None:
    long = ResponsePromise(text="Dear visitors, " * 10 + "we reply within 2 working days.", duration="P2D")
    assert judge(response_time_stated, site(response_promises=[long])).display_value == "within 2 d"


def test_nothing_stated_and_nothing_measured_is_not_judged() -> None:
    assert judge(response_time_stated, site()).score is None
    assert judge(promise_kept, site(response_promises=[ON_CONTACT_PAGE])).score is None


def test_a_probe_is_held_to_the_contact_pages_promise() -> None:
    on_time = probe(first_human_reply_at="2026-11-02T20:00:00+00:00")
    late = probe(first_human_reply_at="2026-11-04T09:00:00+00:00")
    assert judge(promise_kept, site(probes=[on_time], response_promises=[ON_CONTACT_PAGE])).score == 1.0
    outcome = judge(promise_kept, site(probes=[late], response_promises=[ON_CONTACT_PAGE]))
    assert outcome.score == 0.0
    assert outcome.evidence[0].snippet.endswith("promised 1 d on the contact page, took 2 d")


def test_the_replys_own_promise_comes_before_the_sites() -> None:
    # The reply promised one hour; the site's 24 hours would have been kept.
    told = probe(promised_response_time="PT1H", first_human_reply_at="2026-11-02T15:00:00+00:00")
    outcome = judge(promise_kept, site(probes=[told], response_promises=[ON_CONTACT_PAGE]))
    assert outcome.score == 0.0
    assert judge(response_time_stated, site(probes=[told], response_promises=[ON_CONTACT_PAGE])).display_value == "PT1H"
