"""What a site sees of the crawl: no more requests at once than `crawl.concurrency`, even at
`--delay 0`; with renders beside the plain fetches, no more pages at once than twice that."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

from auditor.demo.sitehost import QuietHandler, serve
from tests.conftest import audit_without_delay

pytestmark = pytest.mark.slow


class _Counting(QuietHandler):
    """Answers each page after a moment, counting how many requests it serves at once
    (with `pages_only`, requests for pages, not for the scripts a browser fetches with them)."""

    lock: ClassVar[threading.Lock]
    now: ClassVar[list[int]]
    most: ClassVar[list[int]]
    pages_only: ClassVar[bool] = False

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        cls = type(self)
        if cls.pages_only and not self.path.split("?")[0].endswith((".html", "/")):
            super().do_GET()
            return
        with cls.lock:
            cls.now[0] += 1
            cls.most[0] = max(cls.most[0], cls.now[0])
        try:
            time.sleep(0.1)  # long enough for requests sent together to overlap here
            super().do_GET()
        finally:
            with cls.lock:
                cls.now[0] -= 1


@pytest.mark.parametrize("concurrency", [1, 2])
def test_a_crawl_without_delay_sends_no_more_requests_at_once_than_its_concurrency(
    tmp_path: Path, concurrency: int
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    names = [f"page-{n}.html" for n in range(24)]
    links = "".join(f'<a href="/{name}">{name}</a>' for name in names)
    (site / "index.html").write_text(f"<html><body><nav>{links}</nav></body></html>", encoding="utf-8")
    for name in names:
        (site / name).write_text(f"<html><body><h1>{name}</h1><a href='/'>Home</a></body></html>", encoding="utf-8")
    most = [0]
    handler = type("Counting", (_Counting,), {"lock": threading.Lock(), "now": [0], "most": most})
    out = tmp_path / "out"
    with serve(site, handler_class=handler) as base:
        done = audit_without_delay(base, out, "--no-render", concurrency=concurrency, tmp=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    assert artifacts["site"]["pages_crawled"] == len(names) + 1
    assert 1 <= most[0] <= concurrency


def test_renders_beside_the_crawl_send_no_more_pages_at_once_than_twice_its_concurrency(tmp_path: Path) -> None:
    # Every page an app shell: its HTML is an empty mount node, so every page is rendered.
    site = tmp_path / "site"
    site.mkdir()
    names = [f"view-{n}.html" for n in range(8)]
    links = "".join(f'<a href="/{name}">{name}</a>' for name in names)
    (site / "index.html").write_text(f"<html><body><nav>{links}</nav></body></html>", encoding="utf-8")
    shell = '<html><body><div id="root"></div><script src="/app.js"></script></body></html>'
    for name in names:
        (site / name).write_text(shell, encoding="utf-8")
    (site / "app.js").write_text(
        'document.getElementById("root").innerHTML = `<h1>${location.pathname}</h1><a href="/">Home</a>`;',
        encoding="utf-8",
    )
    most = [0]
    handler = type("Counting", (_Counting,), {"lock": threading.Lock(), "now": [0], "most": most, "pages_only": True})
    out = tmp_path / "out"
    with serve(site, handler_class=handler) as base:
        done = audit_without_delay(base, out, concurrency=1, tmp=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    rendered = [page for page in artifacts["pages"] if page.get("rendered")]
    assert len(rendered) >= len(names), [page["url"] for page in rendered]
    assert 1 <= most[0] <= 2
