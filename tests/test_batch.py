"""`contact-audit batch`: many sites in one process, as a consultant runs it on a list of clients."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from bs4 import BeautifulSoup

from auditor.demo.sitehost import QuietHandler, serve
from tests.conftest import ROOT, free_port, run_cli

pytestmark = pytest.mark.slow

EVENTS: list[tuple[str, str]] = []  # (site, path) in the order the servers saw them
EVENTS_LOCK = threading.Lock()


class _Logged(QuietHandler):
    site: ClassVar[str] = ""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path != "/robots.txt":
            with EVENTS_LOCK:
                EVENTS.append((type(self).site, self.path))
        super().do_GET()


def write_shop(root: Path, number: int, pages: int) -> None:
    links = "".join(f'<a href="/p{i}/">Product {i}</a> ' for i in range(pages))
    footer = (
        f'<footer><a href="/contact/">Contact</a> <a href="mailto:info@shop{number}-bikes.co.uk">Email us</a></footer>'
    )
    page = (
        "<!doctype html><html lang='en'><head><title>{t}</title></head><body><main>{m}</main>"
        + footer
        + "</body></html>"
    )
    (root / "contact").mkdir(parents=True)
    (root / "index.html").write_text(page.format(t=f"Shop {number}", m=f"<h1>Shop {number}</h1>{links}"))
    (root / "contact" / "index.html").write_text(
        page.format(
            t="Contact",
            m=f"<h1>Contact</h1><p>Call <a href='tel:+442079460{number:03d}'>020 7946 0{number:03d}</a></p>",
        )
    )
    for i in range(pages):
        (root / f"p{i}").mkdir()
        (root / f"p{i}" / "index.html").write_text(page.format(t=f"Product {i}", m=f"<h1>Product {i}</h1>"))


@dataclass
class Batch:
    file: Path
    urls: list[str]
    env: dict[str, str]
    runs: Path


@contextmanager
def shops(tmp: Path, count: int, pages: int, dead: bool) -> Iterator[Batch]:
    with ExitStack() as stack:
        urls = []
        for number in range(1, count + 1):
            root = tmp / f"shop{number}"
            write_shop(root, number, pages)
            handler = type(f"Shop{number}", (_Logged,), {"site": f"Shop {number}"})
            urls.append(stack.enter_context(serve(root, handler_class=handler)) + "/")
        lines = [f"{url} Shop {n}" for n, url in enumerate(urls, start=1)]
        lines.append(f"{urls[0]}index.html Shop 1 again")  # the same site listed twice: audited once
        if dead:
            lines.append(f"http://127.0.0.1:{free_port()}/ Closed <Shop>")
        listing = tmp / "clients.txt"
        listing.write_text("# this month's clients\n" + "\n".join(lines) + "\n", encoding="utf-8")
        env = {"CONTACT_AUDIT_DB": f"sqlite:///{tmp / 'history.sqlite'}"}
        with EVENTS_LOCK:
            EVENTS.clear()
        yield Batch(listing, urls, env, tmp / "clients-runs")


@pytest.fixture
def four_sites(tmp_path: Path) -> Iterator[Batch]:
    with shops(tmp_path, 3, pages=2, dead=True) as batch:
        yield batch


def _stored_runs(env: dict[str, str]) -> dict[str, int]:
    done = run_cli("history", "--json", env=env)
    assert done.returncode == 0, done.stderr
    return {site["url"]: site["runs"] for site in json.loads(done.stdout)["sites"]}


def test_a_batch_audits_every_site_and_reports_the_one_that_failed(four_sites: Batch) -> None:
    done = run_cli("batch", str(four_sites.file), "--delay", "0", "--concurrency", "2", "--json", env=four_sites.env)
    assert done.returncode == 3, done.stderr  # one site failed: the batch says so, after finishing the others
    summary = json.loads(done.stdout)
    states = {s["name"]: s for s in summary["sites"]}
    assert [s["name"] for s in summary["sites"]] == ["Shop 1", "Shop 2", "Shop 3", "Closed <Shop>"]
    for name in ("Shop 1", "Shop 2", "Shop 3"):
        site = states[name]
        assert site["state"] == "done" and site["score"] is not None and site["pages"] >= 4, site
        run_dir = Path(site["run_dir"])
        report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
        assert report["site"]["url"] == site["url"]
        assert [e["address"] for e in report["channels"]["emails"]] == [f"info@shop{name[-1]}-bikes.co.uk"]
        assert (run_dir / "report.html").is_file()
    closed = states["Closed <Shop>"]
    assert closed["state"] == "failed" and "could not be audited" in closed["error"] and "refused" in closed["error"]
    # Every live site is in the history once; the closed one has no run to store.
    assert sorted(_stored_runs(four_sites.env).values()) == [1, 1, 1]
    overview = BeautifulSoup((four_sites.runs / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = overview.get_text(" ")
    assert all(name in text for name in states)  # the hostile-looking name is shown as text, not markup
    assert overview.find("shop") is None


def test_sites_are_audited_side_by_side_not_one_after_another(tmp_path: Path) -> None:
    with shops(tmp_path, 2, pages=3, dead=False) as batch:
        done = run_cli("batch", str(batch.file), "--delay", "0.5", "--no-render", "--concurrency", "2", env=batch.env)
        assert done.returncode == 0, done.stderr
        with EVENTS_LOCK:
            order = [site for site, _ in EVENTS]
    # Shop 2 is being crawled before Shop 1's crawl is over.
    assert order.index("Shop 2") < len(order) - 1 - order[::-1].index("Shop 1")
    assert "Audited 2 of 2 sites (0 failed)" in done.stdout


def test_an_interrupted_batch_resumes_and_no_site_is_audited_twice(tmp_path: Path) -> None:
    with shops(tmp_path, 3, pages=3, dead=False) as batch:
        env = {**os.environ, "PYTHONWARNINGS": "ignore", **batch.env}
        command = [sys.executable, "-m", "auditor", "batch", str(batch.file), "--no-render", "--concurrency", "1"]
        first = subprocess.Popen(
            [*command, "--delay", "0.5"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        # Ctrl-C once the first site is finished and the second is being crawled.
        deadline = time.monotonic() + 180  # a bound on waiting, not a measurement
        while True:
            with EVENTS_LOCK:
                if ("Shop 2", "/") in EVENTS:
                    break
            assert first.poll() is None and time.monotonic() < deadline, "the batch never reached the second site"
            time.sleep(0.05)
        first.send_signal(signal.SIGINT)
        _, stderr = first.communicate(timeout=180)
        assert first.returncode == 130, stderr
        with EVENTS_LOCK:
            before = list(EVENTS)
        assert ("Shop 3", "/") not in before  # never started
        second = run_cli("batch", str(batch.file), "--delay", "0", "--no-render", env=batch.env)
        assert second.returncode == 0, second.stderr
        with EVENTS_LOCK:
            after = EVENTS[len(before) :]
    # Shop 1 was finished before the interruption: its home page is never fetched again.
    assert ("Shop 1", "/") not in after
    assert ("Shop 2", "/") in after and ("Shop 3", "/") in after
    assert sorted(_stored_runs(batch.env).values()) == [1, 1, 1]
    assert "1 finished before this start" in second.stdout
