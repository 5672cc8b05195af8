"""One Chromium per audit: the crawl's renders, the screenshots and the PDF share it.

Chromium is started through a wrapper that notes each start in a file before it execs
the real browser, so the test counts browser starts as the operating system sees them
(Chromium's own helper processes are started by Chromium, not through the wrapper).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("CONTACT_AUDIT_CHROMIUM") or "/usr/bin/chromium"


def counting_chromium(folder: Path) -> tuple[Path, Path]:
    """A Chromium that writes one line into the returned log each time it is started."""
    log = folder / "starts.log"
    wrapper = folder / "chromium"
    wrapper.write_text(f'#!/bin/sh\necho started >> "{log}"\nexec "{CHROMIUM}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper, log


def starts(log: Path) -> int:
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_an_audit_renders_and_prints_its_pdf_in_one_browser(sites: str, tmp_path: Path) -> None:
    wrapper, log = counting_chromium(tmp_path)
    out = tmp_path / "run"
    done = run_cli(
        "audit", f"{sites}/chat/tidio.html", "--max-pages", "1", "--out", str(out), "--format", "html,pdf",
        "--no-history", "-q",
        env={"CONTACT_AUDIT_CHROMIUM": str(wrapper)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list((out / "screenshots").glob("*.png")), "the chat fixture's widget is photographed"
    assert "Contact score" in pdf_text(out / "report.pdf")
    assert starts(log) == 1


def test_an_audit_without_rendering_starts_chromium_only_to_print(sites: str, tmp_path: Path) -> None:
    wrapper, log = counting_chromium(tmp_path)
    out = tmp_path / "run"
    done = run_cli(
        "audit", f"{sites}/bare/", "--out", str(out), "--format", "pdf", "--no-render", "--no-history", "-q",
        env={"CONTACT_AUDIT_CHROMIUM": str(wrapper)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (out / "report.pdf").stat().st_size > 0
    assert starts(log) == 1


def test_a_batch_prints_every_pdf_in_the_browser_its_crawls_share(sites: str, tmp_path: Path) -> None:
    wrapper, log = counting_chromium(tmp_path)
    listing = tmp_path / "sites.txt"
    listing.write_text(f"{sites}/chat/tidio.html Chat shop\n{sites}/probe/ Probe shop\n", encoding="utf-8")
    done = run_cli(
        "batch", str(listing), "--format", "html,pdf", "--processes", "1", "--delay", "0", "--max-pages", "2", "-q",
        env={"CONTACT_AUDIT_CHROMIUM": str(wrapper)},
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    pdfs = sorted(tmp_path.rglob("report.pdf"))
    assert len(pdfs) == 2
    assert all("Contact score" in pdf_text(pdf) for pdf in pdfs)
    assert starts(log) == 1
