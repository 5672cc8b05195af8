from auditor.extract.dom import parse
from auditor.extract.emails import find_emails, normalise_address


def addresses(html: str) -> dict[str, tuple[str, str, str | None]]:
    return {e.address: (e.source, e.location, e.label) for e in find_emails(parse(html))}


def test_mailto_is_url_decoded_lower_cased_and_split_on_recipients() -> None:
    found = addresses('<a href="mailto:%20Sales@Shop.co.uk,help@shop.co.uk?subject=Hi">Write</a>')
    assert set(found) == {"sales@shop.co.uk", "help@shop.co.uk"}
    assert found["sales@shop.co.uk"][0] == "mailto"


def test_visible_text_address_found_with_its_page_region() -> None:
    found = addresses("<footer><p>Mail: team@shop.co.uk</p></footer><main><p>x</p></main>")
    assert found == {"team@shop.co.uk": ("text", "footer", None)}


def test_addresses_hidden_from_customers_are_ignored() -> None:
    html = """
    <!-- <a href="mailto:old@shop.co.uk">old@shop.co.uk</a> -->
    <script>var dsn = "key@o1.ingest.sentry.io"; var x = "js@shop.co.uk";</script>
    <noscript><img src="https://t.example.com/p?e=track@shop.co.uk"></noscript>
    <style>.a::after { content: "css@shop.co.uk" }</style>
    <p>ok@shop.co.uk</p>
    """
    assert set(addresses(html)) == {"ok@shop.co.uk"}


def test_file_names_and_hosts_without_public_suffix_are_not_addresses() -> None:
    html = "<p>logo@2x.png icon@3x.webp hero@2x.jpg a@b.c user@localhost user@host.invalid</p>"
    assert addresses(html) == {}


def test_placeholders_are_rejected() -> None:
    for raw in ("you@example.com", "name@domain.com", "email@email.com", "john@example.org"):
        assert normalise_address(raw) is None, raw
    assert normalise_address("info@nimbus-bikes.co.uk") == "info@nimbus-bikes.co.uk"


def test_truncated_or_glued_matches_are_not_taken() -> None:
    assert set(addresses("<p>support@shop.co.uk.It was great</p>")) == {"support@shop.co.uk"}
    assert set(addresses("<p>first.last+tag@shop.co.uk</p>")) == {"first.last+tag@shop.co.uk"}
    assert set(addresses("<p>(support@shop.co.uk).</p>")) == {"support@shop.co.uk"}


def test_label_before_an_address_says_what_it_is_for() -> None:
    found = addresses(
        "<ul><li>Support: <a href='mailto:support@shop.co.uk'>support@shop.co.uk</a></li>"
        "<li>Жалобы: <a href='mailto:claims@shop.ru'>claims@shop.ru</a></li>"
        "<li>शिकायत: <a href='mailto:shikayat@shop.in'>shikayat@shop.in</a></li>"
        "<li><a href='mailto:press@shop.co.uk'>Press enquiries</a></li></ul>"
    )
    assert found["support@shop.co.uk"][2] == "Support"
    assert found["claims@shop.ru"][2] == "Жалобы"
    assert found["shikayat@shop.in"][2] == "शिकायत"
    assert found["press@shop.co.uk"][2] == "Press enquiries"


def test_two_bare_addresses_side_by_side_have_no_label() -> None:
    found = addresses(
        "<footer><p><a href='mailto:info@shop.co.uk'>info@shop.co.uk</a> "
        "<a href='mailto:hello@shop.co.uk'>hello@shop.co.uk</a></p></footer>"
    )
    assert {a: f[2] for a, f in found.items()} == {"info@shop.co.uk": None, "hello@shop.co.uk": None}


def test_generic_words_are_not_labels() -> None:
    found = addresses("<p>Email: a@shop.co.uk</p><p>ईमेल: b@shop.co.uk</p><p>E-mail us: c@shop.co.uk</p>")
    assert {a: f[2] for a, f in found.items()} == {"a@shop.co.uk": None, "b@shop.co.uk": None, "c@shop.co.uk": None}
