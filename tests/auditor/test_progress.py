"""The progress line an audit shows: pages of the budget, rendered, the current page, time elapsed."""

from __future__ import annotations

import io

from rich.console import Console

from auditor.gather.progress import CrawlProgress, elapsed


def test_elapsed_reads_as_a_clock() -> None:
    assert [elapsed(s) for s in (0, 41, 605, 3729)] == ["0:00", "0:41", "10:05", "1:02:09"]


def test_the_line_counts_pages_as_they_arrive_and_verbose_prints_each_whole() -> None:
    now = [100.0]
    buffer = io.StringIO()
    console = Console(file=buffer, width=40, soft_wrap=True)
    url = "https://www.example-company.co.uk/kontakt/ansprechpartner"
    with CrawlProgress(console, max_pages=50, verbose=True, live=False, clock=lambda: now[0]) as progress:
        for n in range(26):
            progress.page(f"https://www.example-company.co.uk/page-{n}", in_browser=False)
        progress.page(f"{url}/", in_browser=True)
        progress.page(url, in_browser=True)
        now[0] += 41
        assert progress.text() == f"26 of 50 pages, 2 rendered, {url} in Chromium, 0:41 elapsed"
        progress.update(26, 2, 0)
        progress.step("Judging 26 pages")
        assert progress.text() == "Judging 26 pages, 0:41 elapsed"
    lines = buffer.getvalue().splitlines()
    assert lines[0] == "1 of 50 pages, 0 rendered, https://www.example-company.co.uk/page-0, 0:00 elapsed"
    assert lines[-2:] == ["Judging 26 pages", "Crawled 26 pages, 2 rendered in Chromium."]
    assert len(lines) == 26 + 2 + 2  # one line per page, none wrapped at 40 columns


def test_quiet_prints_nothing() -> None:
    buffer = io.StringIO()
    with CrawlProgress(Console(file=buffer), enabled=False, verbose=True) as progress:
        progress.page("https://example.com/", in_browser=False)
        progress.step("Judging 1 page")
    assert buffer.getvalue() == ""
