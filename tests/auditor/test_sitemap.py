"""Sitemaps read for `ci --sitemap`: files, gzip, indexes one level down, bounds, no entities."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from auditor.errors import UsageError
from auditor.gather import sitemap
from auditor.gather.sitemap import read_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(*locs: str) -> str:
    return f"<urlset {NS}>" + "".join(f"<url><loc>{loc}</loc></url>" for loc in locs) + "</urlset>"


def index(*locs: str) -> str:
    return f"<sitemapindex {NS}>" + "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs) + "</sitemapindex>"


def test_pages_in_order_without_repeats_or_other_schemes(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml.gz"
    text = urlset("https://a.example/", "https://a.example/about/", "https://a.example/", "mailto:x@a.example")
    path.write_bytes(gzip.compress(text.encode()))
    found = read_sitemap(str(path))
    assert found.urls == ["https://a.example/", "https://a.example/about/"] and found.warnings == []


def test_an_index_inside_an_index_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "inner.xml").write_text(index(str(tmp_path / "deeper.xml")), encoding="utf-8")
    (tmp_path / "pages.xml").write_text(urlset("https://a.example/x/"), encoding="utf-8")
    (tmp_path / "top.xml").write_text(index(str(tmp_path / "pages.xml"), str(tmp_path / "inner.xml")), encoding="utf-8")
    found = read_sitemap(str(tmp_path / "top.xml"))
    assert found.urls == ["https://a.example/x/"]
    assert found.warnings == [f"{tmp_path / 'inner.xml'} is an index inside an index; it was not followed"]


def test_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_PAGES", 2)
    (tmp_path / "s.xml").write_text(urlset("https://a.example/1", "https://a.example/2", "https://a.example/3"))
    found = read_sitemap(str(tmp_path / "s.xml"))
    assert found.urls == ["https://a.example/1", "https://a.example/2"]
    assert found.warnings == ["the sitemap lists more than 2 pages; the first 2 are used"]


def test_entities_are_not_expanded_and_a_page_is_no_sitemap(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("https://leak.example/", encoding="utf-8")
    (tmp_path / "evil.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
        f"<urlset {NS}><url><loc>&x;</loc></url><url><loc>https://a.example/</loc></url></urlset>",
        encoding="utf-8",
    )
    assert read_sitemap(str(tmp_path / "evil.xml")).urls == ["https://a.example/"]
    (tmp_path / "page.html").write_text("<html><body>hi</body></html>", encoding="utf-8")
    with pytest.raises(UsageError, match=r"is not a sitemap \(its root element is <html>"):
        read_sitemap(str(tmp_path / "page.html"))
    with pytest.raises(UsageError, match="could not be read"):
        read_sitemap(str(tmp_path / "missing.xml"))
