import base64

import pytest

from auditor.gather.extract.dom import parse
from auditor.gather.extract.emails import find_emails, normalise_address
from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page


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


def _cf(address: str, key: int) -> str:
    """Encode as Cloudflare does: a key byte, then every UTF-8 byte XOR the key."""
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in address.encode())


def test_cloudflare_span_and_link_are_decoded_and_counted_once() -> None:
    html = (
        f'<p>Support: <span class="__cf_email__" data-cfemail="{_cf("help@shop.co.uk", 0x41)}">'
        "[email protected]</span></p>"
        f'<p><a href="/cdn-cgi/l/email-protection#{_cf("help@shop.co.uk", 0x9C)}">Mail</a></p>'
        f'<p><a href="/cdn-cgi/l/email-protection#{_cf("sales@shop.co.uk", 0x12)}">Sales</a></p>'
    )
    found = find_emails(parse(html), html)
    assert sorted((e.address, e.source) for e in found) == [
        ("help@shop.co.uk", "cloudflare"),
        ("sales@shop.co.uk", "cloudflare"),
    ]
    assert next(e for e in found if e.address == "help@shop.co.uk").label == "Support"


def test_cloudflare_output_is_validated_after_decoding() -> None:
    html = (
        f'<span data-cfemail="{_cf("IDOLM@STER", 0x5C)}">x</span>'
        f'<span data-cfemail="{_cf("hi@shop.co.uk.We", 0x33)}">x</span>'
        '<span data-cfemail="zz">x</span><span data-cfemail="0a">x</span>'
    )
    assert {e.address for e in find_emails(parse(html), html)} == {"hi@shop.co.uk"}


def test_entity_encoded_addresses_are_found_and_marked() -> None:
    html = (
        "<p>Billing: accounts&commat;shop.co.uk</p><p>desk&#64;shop.co.uk</p>"
        '<a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;&#98;&#64;&#115;&#104;&#111;&#112;&#46;&#100;&#101;">x</a>'
    )
    found = {e.address: e.source for e in find_emails(parse(html), html)}
    assert found == {"accounts@shop.co.uk": "entity", "desk@shop.co.uk": "entity", "b@shop.de": "mailto"}


def test_words_for_at_and_dot_in_several_languages() -> None:
    html = (
        "<ul><li>press [at] shop [dot] co [dot] uk</li><li>vertrieb[ät]werkzeug.de</li>"
        "<li>zakaz (собака) veloslad (точка) ru</li><li>ventas (arroba) tienda.com.mx</li>"
        "<li>ada [dot] chen {at} lab [dot] org</li><li>Email: webmaster at lab dot org</li>"
        "<li>メール: info＠sakura.co.jp</li></ul>"
    )
    assert {e.address for e in find_emails(parse(html), html)} == {
        "press@shop.co.uk",
        "vertrieb@werkzeug.de",
        "zakaz@veloslad.ru",
        "ventas@tienda.com.mx",
        "ada.chen@lab.org",
        "webmaster@lab.org",
        "info@sakura.co.jp",
    }


def test_prose_with_at_and_dot_is_not_an_address() -> None:
    html = (
        "<p>Look at this dot com story: we met at noon dot com parties.</p>"
        "<p>We are at booth 14 (at) the fair. Find us at shop.co.uk today.</p>"
        "<p>Собака по кличке Точка: собака Бобик точка ру.</p><p>usuario arroba dominio punto com</p>"
    )
    assert find_emails(parse(html), html) == []


def test_text_reversed_on_screen_with_css_or_bdo_is_read_as_shown() -> None:
    html = (
        "<style>.rev { unicode-bidi: bidi-override; direction: rtl; }</style>"
        '<p>Workshop: <span class="rev">ku.oc.pohs@pohskrow</span></p>'
        '<p><bdo dir="rtl">ku.oc.pohs@selas</bdo></p>'
        '<p style="direction: rtl">plain@shop.co.uk</p>'
    )
    found = {e.address: (e.source, e.label) for e in find_emails(parse(html), html)}
    assert found == {
        "workshop@shop.co.uk": ("rtl", "Workshop"),
        "sales@shop.co.uk": ("rtl", None),
        "plain@shop.co.uk": ("text", None),
    }


def test_tracking_and_infrastructure_addresses_are_rejected() -> None:
    for raw in (
        "3b1f7e0c9a8d4e2f8b6a1c0d9e7f5a3b@o123456.ingest.sentry.io",
        "605a7baede844d278b89dc95ae0a9123@sentry-next.wixpress.com",
        "mailer-daemon@shop.co.uk",
        "12345+acme@users.noreply.github.com",
    ):
        assert normalise_address(raw) is None, raw


def test_cut_off_addresses_in_snippets_are_not_taken() -> None:
    assert addresses("<p>…nfo@shop.co.uk and info@shop.co… and ...les@shop.co.uk</p>") == {}


def test_mailto_links_inside_noscript_or_template_are_not_on_the_page() -> None:
    html = (
        '<noscript><a href="mailto:track@shop.co.uk">x</a></noscript>'
        '<template><a href="mailto:t@shop.co.uk">x</a></template>'
    )
    assert addresses(html) == {}


def test_a_heading_or_term_before_the_address_is_its_label() -> None:
    found = addresses("<dl><dt>Presse</dt><dd>presse@shop.de</dd></dl><h3>Jobs</h3><p>jobs@shop.de</p>")
    assert {a: f[2] for a, f in found.items()} == {"presse@shop.de": "Presse", "jobs@shop.de": "Jobs"}


def test_a_label_in_the_element_before_is_never_glued_to_the_address() -> None:
    html = """
    <div><h5>Contact</h5>
      <a href="mailto:hello@velo-werk.de">hello@velo-werk.de</a></div>
    <div><p>Write to us, we answer quickly.</p>
      <span>sales@velo-werk.de</span></div>
    <p><span class="label">Email</span>office@velo-werk.de</p>
    <p>E-Mail:<b>praxis@velo-werk.de</b></p>
    <p>Phone 040 123 456<br>team@velo-werk.de</p>
    <p><strong>Email Us</strong><span>velowerk@gmail.com</span></p>
    """
    assert set(addresses(html)) == {
        "hello@velo-werk.de",
        "sales@velo-werk.de",
        "office@velo-werk.de",
        "praxis@velo-werk.de",
        "team@velo-werk.de",
        "velowerk@gmail.com",
    }


def test_an_address_split_over_inline_tags_is_read_whole() -> None:
    html = "<p>info@<b>velo-werk</b>.de</p><p><i>sales</i>@velo-werk.de</p><p><span>anna</span>.berg@velo-werk.de</p>"
    assert set(addresses(html)) == {"info@velo-werk.de", "sales@velo-werk.de", "anna.berg@velo-werk.de"}


def test_apostrophes_inside_a_local_part_belong_to_the_address() -> None:
    found = addresses("<p>Write to o'brien@pub.ie or 'info@pub.ie'.</p>")
    assert set(found) == {"o'brien@pub.ie", "info@pub.ie"}


def test_a_link_that_opens_a_mail_window_from_javascript_gives_its_address() -> None:
    html = """
    <a href="javascript:window.location.href=atob('bWFpbHRvOnNhbGVzQHZlbG8td2Vyay5kZQ==')">E-Mail</a>
    <a href="#" onclick="location.href='mailto:'+'help'+'@'+'velo-werk.de'; return false">Help</a>
    <a href="javascript:void(0)">Menu</a>
    """
    found = addresses(html)
    assert set(found) == {"sales@velo-werk.de", "help@velo-werk.de"}
    assert found["help@velo-werk.de"][2] == "Help"


def test_template_samples_are_not_contacts_but_the_sites_own_addresses_are() -> None:
    html = """
    <p><a href="mailto:info@nomeattivita.it">[info@nomeattivita.it]</a></p>
    <p>help@yourcompany.com · kontakt@deinefirma.de · ventas@tuempresa.com.mx</p>
    <p>z.B. name@gmail.com, you+0123456789@velo-werk.de</p>
    <p>name@velo-werk.de</p>
    <p>Mail: mycompany-info@velo-werk.de</p>
    """
    found = {e.address for e in find_emails(parse(html), html, "velo-werk.de")}
    assert found == {"name@velo-werk.de", "mycompany-info@velo-werk.de"}


def test_an_address_glued_to_a_word_loses_to_the_address_the_site_links() -> None:
    home = '<footer><a href="mailto:info@velo-werk.de">info@velo-werk.de</a></footer>'
    about = "<p>Emailinfo@velo-werk.de</p><p>sales.info@velo-werk.de</p>"
    findings = [
        extract_page(home, "https://velo-werk.de/", domain="velo-werk.de"),
        extract_page(about, "https://velo-werk.de/about", domain="velo-werk.de", depth=1),
    ]
    _, channels = build_channels(findings)
    assert {e.address for e in channels.emails} == {"info@velo-werk.de", "sales.info@velo-werk.de"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to o'brien@pub.ie today", {"o'brien@pub.ie"}),
        ("Bookings: D'Arcy.O'Neill@Pub.ie", {"d'arcy.o'neill@pub.ie"}),
        ("it'll'be'here'mail@harbour-pub.travel", {"it'll'be'here'mail@harbour-pub.travel"}),
        ("Quoted: 'bookings@pub.ie', or “bar@pub.ie”", {"bookings@pub.ie", "bar@pub.ie"}),
        ("‘kitchen@pub.ie’ and 'events@pub.ie','bar@pub.ie'", {"kitchen@pub.ie", "events@pub.ie", "bar@pub.ie"}),
        ("Sean's desk: sean@pub.ie", {"sean@pub.ie"}),
        ("The pub's inbox is manager@pub.ie's only", {"manager@pub.ie"}),
        # An apostrophe beside a dot, a dash or another apostrophe is no address's.
        ("o''brien@pub.ie o'.brien@pub.ie o.'brien@pub.ie o'-brien@pub.ie", set()),
        # A typographic apostrophe cannot be typed into an address: no cut-off brien@ either.
        ("o’brien@pub.ie", set()),
        ("rien'@pub.ie '@pub.ie", set()),
    ],
)
def test_apostrophes_belong_to_a_local_part_only_between_letters_or_digits(text: str, expected: set[str]) -> None:
    assert set(addresses(f"<p>{text}</p>")) == expected


@pytest.mark.parametrize(
    "text",
    ["Mail: o'brien [at] pub [dot] ie", "Email o'brien (at) pub.ie", "email: o'brien @ pub.ie"],
)
def test_a_spelled_out_address_keeps_the_apostrophe_of_its_local_part(text: str) -> None:
    assert set(addresses(f"<p>{text}</p>")) == {"o'brien@pub.ie"}


def test_a_spelled_out_address_cut_at_a_typographic_apostrophe_is_not_read() -> None:
    assert addresses("<p>Mail: o’brien [at] pub [dot] ie</p>") == {}


def _base64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_javascript_links_built_with_atob_are_mailto_links() -> None:
    html = f"""
    <a href="javascript:location.href=atob('{_base64("mailto:bookings@harbour-pub.ie")}')">Bookings</a>
    <a href="javascript:window.location=atob(%27{_base64("mailto:events@harbour-pub.ie?subject=Party")}%27)">Events</a>
    <a href="javascript:location.href=atob('{_base64("mailto:bar@harbour-pub.ie").rstrip("=")}')">Bar</a>
    <a href="#" onclick="location.href='mailto:'+atob('{_base64("kitchen")}')+'@harbour-pub.ie'">Kitchen</a>
    <a href="javascript:track('click'); location.href='mailto:hello@harbour-pub.ie'; log('done')">Hello</a>
    """
    found = addresses(html)
    assert set(found) == {
        "bookings@harbour-pub.ie",
        "events@harbour-pub.ie",
        "bar@harbour-pub.ie",
        "kitchen@harbour-pub.ie",
        "hello@harbour-pub.ie",
    }
    assert {source for source, _, _ in found.values()} == {"mailto"}
    assert found["events@harbour-pub.ie"][2] == "Events"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:location.href=atob('!!bm90IGJhc2U2NA!!')",
        "javascript:location.href=atob('bWFpbHRv')",  # "mailto" and nothing more
        f"javascript:location.href=atob('{_base64(chr(7) + 'mailto:bell@harbour-pub.ie')}')",
        f"javascript:location.href=atob('{_base64('mailto:big@harbour-pub.ie' + ' ' * 2000)}')",
        f"javascript:void(atob('{_base64('bookings@harbour-pub.ie')}'))",
    ],
)
def test_atob_gives_an_address_only_from_short_base64_text_that_opens_a_mailto(href: str) -> None:
    assert addresses(f'<a href="{href}">Mail</a>') == {}


@pytest.mark.parametrize(
    "written",
    ["Reyting@Mail.ru", "Рейтинг@Mail.ru", "Top@Mail.ru", "rating@mail.ru", "Otvety@Mail.ru"],
)
def test_services_named_like_an_address_are_not_addresses(written: str) -> None:
    assert addresses(f"<ul><li>Yandex.Metrika</li><li>{written}</li><li>LiveInternet</li></ul>") == {}


def test_real_mailboxes_on_the_same_mail_service_are_kept() -> None:
    found = addresses("<p>Рейтинг@Mail.ru; пишите: reyting.studio@mail.ru, top.shop@mail.ru, Ivanov@Mail.ru</p>")
    assert set(found) == {"reyting.studio@mail.ru", "top.shop@mail.ru", "ivanov@mail.ru"}
