"""Response times a site promises on its contact page, read from the page as a visitor reads it."""

import pytest

from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page

PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body>
<main><h1>{title}</h1><form><input name="email"><textarea name="message"></textarea></form>
<p>{line}</p><p>Free delivery within 2 days. Our shop is open 24 hours.</p></main>
<footer><a href="/contact/">Contact</a></footer></body></html>"""


@pytest.mark.parametrize(
    ("lang", "line", "duration", "sentence"),
    [
        ("en", "Write to us. <b>We answer within 24 hours</b>.", "PT24H", "We answer within 24 hours."),
        ("hi", "हम 24 घंटे में जवाब देंगे।", "PT24H", "हम 24 घंटे में जवाब देंगे।"),
        ("de", "Wir antworten innerhalb von 2 Werktagen.", "P2D", "Wir antworten innerhalb von 2 Werktagen."),
        ("es", "Le responderemos en un plazo de 48 horas.", "PT48H", "Le responderemos en un plazo de 48 horas."),
        ("ru", "Мы ответим в течение одного рабочего дня.", "P1D", "Мы ответим в течение одного рабочего дня."),
    ],
)
def test_the_contact_pages_promise_is_recorded_with_its_page(
    lang: str, line: str, duration: str, sentence: str
) -> None:
    contact = extract_page(
        PAGE.format(lang=lang, title="Contact", line=line), "https://shop.example/contact/", domain="shop.example"
    )
    home = extract_page(
        PAGE.format(lang=lang, title="Home", line="We reply within one hour to every order."),
        "https://shop.example/",
        domain="shop.example",
    )
    _, channels = build_channels([home, contact])
    (promise,) = channels.response_promises  # the home page is not a contact page; delivery is no answer
    assert promise.duration == duration
    assert promise.pages == ["https://shop.example/contact/"]
    assert promise.text == sentence
