from auditor.artifacts import ChatWidget, Email, Form, Phone, SocialProfile
from auditor.judge.api import CheckInput
from checks import channel_types, unlabelled_emails, written_channel
from tests.builders import BASE, site

EMAIL = Email(address="help@shop.co.uk", pages=[f"{BASE}/"], label="Support")
FORM = Form(page=f"{BASE}/contact/", action=f"{BASE}/send")


def outcome(check, **channels):  # type: ignore[no-untyped-def]
    return check.run(CheckInput(site(**channels), check.META.requires, check.META.options))


def test_written_channel() -> None:
    assert outcome(written_channel, emails=[EMAIL]).score == 1.0
    assert outcome(written_channel, forms=[FORM]).score == 1.0
    failed = outcome(written_channel, phones=[Phone(raw="+442079460958")])
    assert failed.score == 0.0


def test_channel_types_scores_the_number_of_kinds() -> None:
    assert outcome(channel_types).score == 0.0
    assert outcome(channel_types, emails=[EMAIL]).score == 0.5
    two = outcome(channel_types, emails=[EMAIL], phones=[Phone(raw="+442079460958")])
    assert two.score == 0.9
    assert two.display_value == "2: email, phone"
    many = outcome(
        channel_types,
        emails=[EMAIL],
        forms=[FORM],
        social=[SocialProfile(network="x", url="https://x.com/s")],
        chat_widgets=[ChatWidget(vendor="Crisp")],
    )
    assert many.score == 1.0


def test_retired_chat_widget_is_not_a_channel() -> None:
    result = outcome(channel_types, emails=[EMAIL], chat_widgets=[ChatWidget(vendor="Facebook", retired=True)])
    assert result.score == 0.5


def test_unlabelled_emails() -> None:
    bare = [Email(address=f"{n}@shop.co.uk", pages=[f"{BASE}/"]) for n in ("info", "hello")]
    assert outcome(unlabelled_emails, emails=[EMAIL]).score is None
    assert outcome(unlabelled_emails, emails=[EMAIL, bare[0]]).score == 1.0
    failed = outcome(unlabelled_emails, emails=[EMAIL, *bare])
    assert failed.score is not None and abs(failed.score - 1 / 3) < 1e-9
    assert {e.snippet for e in failed.evidence} == {"info@shop.co.uk", "hello@shop.co.uk"}
