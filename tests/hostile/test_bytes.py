"""Bytes no page should be made of: a 50 MB page, a gzip bomb, binary served as HTML, 5,000
links, 100,000 nested elements, a charset that lies, no charset at all, NUL bytes between
tags. Each page is audited as far as it can be, with a warning where it was cut, and the
crawl goes on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from tests.hostile.conftest import AuditRun, audit, hosted
from tests.hostile.server import HostileSite, body, chunks, gzip_bomb

pytestmark = pytest.mark.slow

BUDGET = 30.0
MAX_PAGES = 30
BOMB_EMAIL = "bomb@velo-werk.de"
DEEP_EMAIL = "deep@velo-werk.de"
AFTER_DEEP_EMAIL = "after@velo-werk.de"
RU_EMAIL = "prodazhi@veloslad.ru"
RU_CONTACT_EMAIL = "kontakt@veloslad.ru"
LEGACY_EMAIL = "legacy@veloslad.ru"
LEGACY_TITLE = "Велосипеды Веломир"
NUL_EMAIL = "katalog@velo-werk.de"
NUL_CONTACT_EMAIL = "kontakt@velo-werk.de"
BIG_EMAIL = "info@big-cycles.de"
MANY_EMAIL = "haendler@velo-werk.de"
BIG_SIZE = 50 * 2**20
NESTING = 100_000
LINKS = 5_000


def _bytes_site(site: HostileSite) -> None:
    nav = (
        '<a href="/bytes/contact">Contact</a> <a href="/bytes/brochure">Brochure</a> <a href="/bytes/deep">Story</a> '
        '<a href="/bytes/ru">Русский</a> <a href="/bytes/legacy">Старая версия</a> <a href="/bytes/nul">Catalogue</a>'
    )
    site.page(
        "/bytes/",
        f"<!doctype html><html lang='en'><head><title>Byte Cycles</title></head><body><nav>{nav}</nav></body></html>",
    )
    bomb = gzip_bomb(
        f"<!doctype html><html><head><title>Contact</title></head><body><h1>Contact</h1><p>{BOMB_EMAIL}</p>".encode()
    )
    site.page("/bytes/contact", bomb, headers={"Content-Encoding": "gzip"})
    site.page("/bytes/brochure", b"\x89PNG\r\n\x1a\n" + os.urandom(200_000))
    nested = f"{'<div>' * NESTING}<p>{DEEP_EMAIL}</p>{'</div>' * NESTING}"
    deep = f"<div>{nested}<footer><p>{AFTER_DEEP_EMAIL}</p></footer></div>"
    site.page("/bytes/deep", f"<!doctype html><html><head><title>Our story</title></head><body>{deep}</body></html>")
    # windows-1251 bytes under a header that says utf-8.
    ru = f"""<!doctype html><html lang="ru"><head><title>Велосипеды</title></head><body>
        <nav><a href="/bytes/r7">Контакты</a></nav><p>Отдел продаж: {RU_EMAIL}</p></body></html>"""
    site.page("/bytes/ru", ru.encode("cp1251"), content_type="text/html; charset=utf-8")
    r7 = f"""<!doctype html><html lang="ru"><head><meta charset="windows-1251"><title>Связь</title></head>
        <body><h1>Контакты</h1><p>Пишите: {RU_CONTACT_EMAIL}</p></body></html>"""
    site.page("/bytes/r7", r7.encode("cp1251"), content_type="text/html")
    # A legacy page: no charset in the header or the page.
    legacy = f"""<html><head><title>{LEGACY_TITLE}</title></head><body><h1>Велосипеды для всей семьи</h1>
        <p>Мы продаём велосипеды с 1995 года. Пишите нам: {LEGACY_EMAIL}</p></body></html>"""
    site.page("/bytes/legacy", legacy.encode("cp1251"), content_type="text/html")
    tags = [
        "<!doctype html>", "<html lang='en'>", "<head>", "<title>Catalogue</title>", "</head>", "<body>", "<nav>",
        '<a href="/bytes/nul-contact">Contact us</a>', "</nav>", "<main>", "<h1>Catalogue</h1>",
        f"<p>Orders: {NUL_EMAIL}</p>", "</main>", "</body>", "</html>",
    ]  # fmt: skip
    site.page("/bytes/nul", "\x00".join(tags).encode())
    site.page(
        "/bytes/nul-contact",
        f"<html><head><title>Contact</title></head><body><h1>Contact</h1><p>{NUL_CONTACT_EMAIL}</p></body></html>",
    )


def _many_links_site(site: HostileSite) -> None:
    items = "".join(f'<li><a href="/many/item/{n}">Dealer {n}</a></li>' for n in range(LINKS - 1))
    site.page(
        "/many/",
        f"""<!doctype html><html lang="en"><head><title>Dealers</title></head><body><main><ul>{items}</ul></main>
        <footer><a href="/many/kontakt">Kontakt</a></footer></body></html>""",
    )
    site.route_prefix("/many/item/", body(b"<html><body><p>A dealer.</p></body></html>"))
    site.page(
        "/many/kontakt",
        f"<html><head><title>Kontakt</title></head><body><h1>Kontakt</h1><p>{MANY_EMAIL}</p></body></html>",
    )


def _big_site(site: HostileSite) -> None:
    head = f"""<!doctype html><html lang="en"><head><title>Big Cycles</title></head><body>
        <nav><a href="/big/contact">Contact</a></nav><footer><a href="mailto:{BIG_EMAIL}">{BIG_EMAIL}</a></footer>
        <main>""".encode()
    filler = b"<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n" * 16384  # 1 MiB
    pieces = BIG_SIZE // len(filler)

    def produce() -> Iterator[bytes]:
        yield head
        for _ in range(pieces):
            yield filler

    site.route(
        "/big/", chunks(produce, length=len(head) + pieces * len(filler), content_type="text/html; charset=utf-8")
    )
    site.page(
        "/big/contact", "<html><head><title>Contact</title></head><body><h1>Contact</h1><p>Call us.</p></body></html>"
    )


@dataclass
class Run:
    run: AuditRun
    base: str
    site: HostileSite


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """The three sites audited side by side (no rendering: none of this is about the browser)."""
    tmp = tmp_path_factory.mktemp("bytes")
    with hosted() as (base, site):
        _bytes_site(site)
        _many_links_site(site)
        _big_site(site)
        with ThreadPoolExecutor(max_workers=3) as pool:
            futures = {
                name: pool.submit(
                    audit, f"{base}/{name}/", tmp / name, "--max-pages", str(MAX_PAGES), budget=BUDGET, render=False
                )
                for name in ("bytes", "many", "big")
            }
            yield {name: Run(future.result(), base, site) for name, future in futures.items()}


@pytest.fixture(scope="module")
def bytes_run(runs: dict[str, Run]) -> Run:
    return runs["bytes"]


def test_the_audit_survives_every_kind_of_bad_bytes(bytes_run: Run) -> None:
    run = bytes_run.run
    assert run.returncode in (0, 1), run.describe()
    assert run.seconds <= run.bound, run.describe()
    # A gigabyte unpacked in memory would show here; the crawl itself needs a few hundred MB.
    assert run.peak_rss_mb < 1536, f"peak memory {run.peak_rss_mb:.0f} MB"


def test_a_compression_bomb_is_cut_and_said_to_be(bytes_run: Run) -> None:
    run = bytes_run.run
    url = f"{bytes_run.base}/bytes/contact"
    page = run.page(url)
    assert page is not None, f"the contact page {url} vanished from artifacts.json without a word: {run.warnings()}"
    assert any(url in w for w in run.warnings()), run.warnings()


def test_binary_served_as_html_is_skipped_with_a_warning(bytes_run: Run) -> None:
    page = bytes_run.run.page(f"{bytes_run.base}/bytes/brochure")
    assert page is not None
    assert any("served as HTML" in w for w in page["warnings"]), page["warnings"]


def test_the_contacts_around_100000_nested_elements_are_read(bytes_run: Run) -> None:
    page = bytes_run.run.page(f"{bytes_run.base}/bytes/deep")
    assert page is not None
    found = bytes_run.run.emails()
    assert {DEEP_EMAIL, AFTER_DEEP_EMAIL} <= found, f"found {sorted(found)}; the page's warnings: {page['warnings']}"


def test_a_charset_header_that_lies_does_not_lose_the_contact_link(bytes_run: Run) -> None:
    run, base = bytes_run.run, bytes_run.base
    assert RU_EMAIL in run.emails()
    page = run.page(f"{base}/bytes/ru")
    assert page is not None and any("does not match" in w for w in page["warnings"]), page
    contact = run.page(f"{base}/bytes/r7")
    assert contact is not None, "the link Контакты was not followed"
    assert contact["link_text"] == "Контакты"
    assert f"{base}/bytes/r7" in run.contact_pages()
    assert RU_CONTACT_EMAIL in run.emails()


def test_a_page_without_any_charset_is_read_in_its_legacy_encoding(bytes_run: Run) -> None:
    page = bytes_run.run.page(f"{bytes_run.base}/bytes/legacy")
    assert page is not None and page["title"] == LEGACY_TITLE, page
    assert LEGACY_EMAIL in bytes_run.run.emails()


def test_nul_bytes_between_tags_lose_neither_the_link_nor_the_email(bytes_run: Run) -> None:
    run = bytes_run.run
    page = run.page(f"{bytes_run.base}/bytes/nul")
    assert NUL_EMAIL in run.emails(), f"the page's warnings: {page and page['warnings']}"
    assert "/bytes/nul-contact" in bytes_run.site.paths("/bytes/nul-contact"), "the contact link was lost"
    assert NUL_CONTACT_EMAIL in run.emails()


def test_5000_links_on_one_page_stay_within_max_pages(runs: dict[str, Run]) -> None:
    many = runs["many"]
    run = many.run
    assert run.returncode in (0, 1), run.describe()
    assert run.seconds <= run.bound, run.describe()
    assert run.report["site"]["pages_crawled"] <= MAX_PAGES
    requests = [p for p in many.site.paths("/many/") if "contact-audit-missing" not in p]
    assert len(requests) <= MAX_PAGES, len(requests)
    assert MANY_EMAIL in run.emails(), "the contact link after 5,000 others was not followed first"


def test_a_50_mb_page_is_audited_as_far_as_it_fits(runs: dict[str, Run]) -> None:
    run = runs["big"].run
    assert run.returncode in (0, 1), run.describe()
    assert run.seconds <= run.bound, run.describe()
    assert BIG_EMAIL in run.emails()
    assert f"{runs['big'].base}/big/contact" in run.contact_pages()


def test_a_50_mb_page_is_said_to_be_cut(runs: dict[str, Run]) -> None:
    run = runs["big"].run
    assert run.returncode in (0, 1), run.describe()
    cut = [w for w in run.warnings() if "KiB" in w or "MiB" in w or " cut" in w or "first" in w]
    assert cut, f"report.json warnings: {run.warnings()}; page warnings: {run.page_warnings()}"
