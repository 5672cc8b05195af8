"""Reading replies: automatic or human, the promised time, business hours, and what a probe says."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from auditor.config.probes import BusinessHours, ProbesConfig
from auditor.gather.extract.promises import promised_duration
from auditor.gather.probes.classify import classify
from auditor.gather.probes.message import PROBE_HEADER, compose_email, reply_address, token_of_address, tokens_in
from auditor.gather.probes.timing import business_seconds, top_received


def mail(subject: str = "Re: your question", sender: str = "sam@shop.example.co.uk", **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["Subject"] = subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("Hello")
    return message


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (mail(Auto_Submitted="auto-replied"), "Auto-Submitted: auto-replied"),
        (mail(Auto_Submitted="auto-generated"), "Auto-Submitted: auto-generated"),
        (mail(X_Autoreply="yes"), "X-Autoreply: yes"),
        (mail(X_Autorespond="Your message was received"), "X-Autorespond"),
        (mail(Precedence="auto_reply"), "Precedence: auto_reply"),
        (mail(Precedence="bulk"), "Precedence: bulk"),
        (mail(Precedence="junk"), "Precedence: junk"),
        (mail("Automatic reply: your question"), "subject"),
        (mail("Out of Office: back Monday"), "subject"),
        (mail("Abwesenheitsnotiz: Ihre Frage"), "subject"),
        (mail("Automatische Antwort: Ihre Frage"), "subject"),
        (mail("Réponse automatique : votre question"), "subject"),
        (mail("Respuesta automática: su pregunta"), "subject"),
        (mail("Risposta automatica: domanda"), "subject"),
        (mail("Автоответ: ваш вопрос"), "subject"),
        (mail("[#4711] Automatic reply"), "subject"),
        (mail(sender="No-Reply <no-reply@shop.example.co.uk>"), "sender"),
        (mail(sender="MAILER-DAEMON@mx.example.co.uk"), "sender"),
    ],
)
def test_machine_replies_are_recognised(message: EmailMessage, reason: str) -> None:
    verdict = classify(message, seconds_after_probe=3600, instant_seconds=30)
    assert verdict.automatic
    assert reason in verdict.reason


def test_a_person_is_a_person_even_with_the_no_value() -> None:
    assert not classify(mail(Auto_Submitted="no"), 3600, 30).automatic
    assert not classify(mail("Re: Out of stock items"), 3600, 30).automatic
    assert not classify(mail(X_Auto_Response_Suppress="All"), 3600, 30).automatic  # asks, does not mark


def test_an_unmarked_reply_within_seconds_counts_as_automatic() -> None:
    assert classify(mail(), seconds_after_probe=4, instant_seconds=30).automatic
    assert not classify(mail(), seconds_after_probe=40, instant_seconds=30).automatic


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("We will get back to you within 24 hours.", "PT24H"),
        ("We usually answer in 1-2 business days.", "P2D"),
        ("Our team replies within 1 to 3 working days", "P3D"),
        ("We answer within one business day", "P1D"),
        ("Expect an answer within 30 minutes", "PT30M"),
        ("We reply within 24h", "PT24H"),
        ("Мы ответим в течение 2 рабочих дней.", "P2D"),
        ("Ответим в течение суток", "P1D"),
        ("हम 24 घंटे में जवाब देंगे।", "PT24H"),
        ("हम 2 कार्य दिवसों में उत्तर देंगे", "P2D"),
        ("Wir antworten innerhalb von 3 Werktagen.", "P3D"),
        ("Sie hören binnen 48 Stunden von uns", "PT48H"),
        ("Le responderemos en un plazo de 48 horas.", "PT48H"),
        ("Respondemos en 1 a 2 días hábiles", "P2D"),
        ("Nous répondons sous 24 heures", "PT24H"),
    ],
)
def test_promised_times_become_iso_durations(text: str, duration: str) -> None:
    assert promised_duration(text) == duration


@pytest.mark.parametrize(
    "text",
    ["Your order from 12 days ago has shipped.", "Ich bin bis 12. Mai nicht im Büro.", "Open 24/7", "Thanks!"],
)
def test_no_promise_is_invented(text: str) -> None:
    assert promised_duration(text) is None


def test_business_hours_skip_nights_and_weekends() -> None:
    hours = BusinessHours(days="mon-fri", hours="09:00-17:00", timezone="Europe/Berlin")
    friday_4pm = datetime(2026, 3, 13, 15, 0, tzinfo=UTC)  # 16:00 in Berlin
    monday_10am = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert business_seconds(friday_4pm, monday_10am, hours) == 2 * 3600
    assert business_seconds(monday_10am, friday_4pm, hours) == 0


def test_bad_business_hours_are_refused() -> None:
    with pytest.raises(ValueError, match="not a day"):
        BusinessHours(days="mon-fry")
    with pytest.raises(ValueError, match="09:00-17:00"):
        BusinessHours(hours="9 to 5")


def test_arrival_is_read_from_the_top_received_header() -> None:
    message = mail()
    message["Received"] = "from mx.example by mx.audit.test; Mon, 16 Mar 2026 10:00:05 +0100"
    message["Received"] = "from a by b; Mon, 16 Mar 2026 08:00:00 +0000"
    assert top_received(message) == datetime(2026, 3, 16, 9, 0, 5, tzinfo=UTC)


def test_the_probe_email_is_labelled_honestly_and_never_marked_as_machine_mail() -> None:
    config = ProbesConfig(
        operator_name="Asha Rao", operator_email="asha@audit.example", reply_mailbox="probes@audit.example"
    )
    message = compose_email(config, "ca-abcdefghjk", "support@shop.example.co.uk")
    assert message["Reply-To"] == "probes+ca-abcdefghjk@audit.example"
    assert "Test message" in message["Subject"] and "ca-abcdefghjk" in message["Subject"]
    assert "test; token=ca-abcdefghjk" in message[PROBE_HEADER]
    assert str(message["Message-ID"]).endswith("@audit.example>")
    text = message.get_content()
    assert "test message" in text and "asha@audit.example" in text and "opt out" in text
    for machine_header in ("Auto-Submitted", "Precedence", "X-Autoreply", "List-Unsubscribe"):
        assert machine_header not in message
    assert not classify(message, 3600, 30).automatic  # a helpdesk reading our probe sees a person


def test_tokens_survive_plus_addresses_and_subject_rewriting() -> None:
    assert reply_address("box@audit.example", "ca-abcdefghjk") == "box+ca-abcdefghjk@audit.example"
    assert token_of_address("Box+CA-ABCDEFGHJK@audit.example") == "ca-abcdefghjk"
    assert token_of_address("box@audit.example") is None
    assert tokens_in("Re: [#12] [Test message] A quick question (ca-abcdefghjk)") == ["ca-abcdefghjk"]
