import pytest

from auditor.gather.extract.words import is_contact_text, is_contact_url


@pytest.mark.parametrize(
    "text",
    [
        "Contact",
        "Contact us",
        "Kontakt",
        "Impressum",
        "Contacto",
        "Contato",
        "Contatti",
        "Contactez-nous",
        "Контакты",
        "Связаться с нами",
        "संपर्क",
        "संपर्क करें",
        "సంప్రదించండి",
        "お問い合わせ",
        "联系我们",
        "문의",
        "اتصل بنا",
        "Support",
        "Help",
    ],
)
def test_contact_link_texts_in_many_languages(text: str) -> None:
    assert is_contact_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "About",
        "Helpful tips",
        "Blog",
        "Contactless payments explained in full detail for everyone who wants to pay by card in our shops",
    ],
)
def test_other_link_texts_are_not_contact_links(text: str) -> None:
    assert not is_contact_text(text)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.ru/%D0%BA%D0%BE%D0%BD%D1%82%D0%B0%D0%BA%D1%82%D1%8B/",
        "https://x.in/hi/sampark.html",
        "https://x.de/kontakt",
        "https://x.com/contact-us/",
        "https://x.jp/otoiawase/",
        "https://x.in/संपर्क",
    ],
)
def test_contact_urls(url: str) -> None:
    assert is_contact_url(url)


@pytest.mark.parametrize(
    "url", ["https://x.com/", "https://x.com/about/", "https://x.com/helpers/tools", "https://x.com/contactless-cards"]
)
def test_other_urls(url: str) -> None:
    assert not is_contact_url(url)
