"""Pages no crawl should choke on: each is recorded with a warning and the crawl goes on."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from auditor.gather.extract.decoding import MAX_HTML_BYTES
from auditor.gather.extract.findings import PageFindings
from spiders.site import SiteSpider

SETTINGS = {"CONTACT_AUDIT_RENDER": False, "CONTACT_AUDIT_MAX_PAGES": 50, "CONTACT_AUDIT_MAX_DEPTH": 5}


def crawl_one(body: bytes, content_type: str = "text/html") -> tuple[PageFindings, list[Any]]:
    spider = SiteSpider.from_crawler(get_crawler(SiteSpider, SETTINGS), url="https://veloslad.ru/")
    request = Request("https://veloslad.ru/kontakty", meta={"page_depth": 1})
    response = HtmlResponse(request.url, body=body, headers={"Content-Type": content_type}, request=request)
    out = list(spider.parse_page(response))
    (findings,) = [item for item in out if isinstance(item, PageFindings)]
    return findings, [item for item in out if isinstance(item, Request)]


def test_binary_served_as_html_is_recorded_with_a_warning() -> None:
    findings, _ = crawl_one(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert findings.page.status == 200
    assert findings.page.warnings == ["served as HTML but is a PNG image; skipped"]
    assert findings.channels.emails == []


def test_undeclared_windows_1251_is_read_as_cyrillic() -> None:
    html = "<html><body><h1>Контакты</h1><p>Телефон: +7 495 123-45-67</p><a href='/o-nas'>О нас</a></body></html>"
    findings, follow = crawl_one(html.encode("cp1251"))
    assert findings.page.is_contact_page
    assert [p.e164 for p in findings.channels.phones] == ["+74951234567"]
    assert any("cp1251" in w for w in findings.page.warnings)
    assert [r.url for r in follow] == ["https://veloslad.ru/o-nas"]


def test_a_header_that_lies_about_the_encoding_is_reported_not_trusted() -> None:
    html = "<html><body><p>お問い合わせ 電話: +81 3-5412-7788</p></body></html>"
    findings, _ = crawl_one(html.encode("shift_jis"), "text/html; charset=utf-8")
    assert [p.e164 for p in findings.channels.phones] == ["+81354127788"]
    assert any("does not match" in w for w in findings.page.warnings)


def test_a_huge_page_is_cut_and_still_audited() -> None:
    filler = b"<p>" + b"lorem ipsum " * 1000 + b"</p>"
    body = b"<html><body><footer>Mail: info@veloslad.ru</footer>" + filler * (MAX_HTML_BYTES // len(filler) + 5)
    findings, _ = crawl_one(body)
    assert [e.address for e in findings.channels.emails] == ["info@veloslad.ru"]
    assert any("only the first" in w for w in findings.page.warnings)
