"""Payloads in every field of a page that reaches a report: the title, link texts, email-like
local parts, phone text, form labels, social URLs, chat-vendor-looking attributes. Every
report shows them as text: report.html runs none of them, report.md carries no tag of
theirs, findings.csv no formula, report.junit.xml still parses, report.pdf is written."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Dialog, Route, sync_playwright

from auditor.gather.browser import CHROMIUM_ARGS
from tests.hostile.conftest import AuditRun, audit, hosted

pytestmark = pytest.mark.slow

IMG = '&lt;img src=x onerror="window.__pwned=1"&gt;'
IMG_IN_ATTRIBUTE = IMG.replace('"', "&quot;")
SCRIPT = "&lt;script&gt;window.__pwned=1&lt;/script&gt;"
SVG = "&lt;svg onload=window.__pwned=1&gt;"
FORMULA = "=cmd|' /C calc'!A0"

HOME = f"""<!doctype html><html lang="en"><head><title>{SCRIPT} {FORMULA} Velo Werk</title>
<script>window.intercomSettings = {{ app_id: "x\\"><img src=x onerror=window.__pwned=1>" }};</script>
<script src="https://widget.intercom.io/widget/x&quot;&gt;{IMG_IN_ATTRIBUTE}"></script>
</head><body>
<header><nav><a href="/inj/contact">Contact {IMG}</a>
<a href="/inj/missing">=HYPERLINK("http://evil.example","Contact support")</a>
<a href="/inj/help">@SUM(1+1) Contact {SVG}</a></nav></header>
<div id="intercom-container" class="intercom-lightweight-app" data-app="&quot;&gt;{SCRIPT}"></div>
<main><h1>Velo Werk {SCRIPT}</h1>
<p><a href="mailto:=1+2@velo-werk.de">=1+2@velo-werk.de</a></p>
<p>-2+3@velo-werk.de</p>
<p>+cmd@velo-werk.de</p>
<p>o'neil&lt;b&gt;@velo-werk.de</p>
<p>Phone: <a href="tel:+49 30 2847193&quot;&gt;&lt;img src=x onerror=window.__pwned=1&gt;">+49 30 2847193 {IMG}</a></p>
<p>Call: <a href="tel:=1+1">=1+1 call us {SVG}</a></p>
<form action="/inj/send" method="post">
<label for="n">{IMG} Name</label><input id="n" name="{SCRIPT}">
<label>{FORMULA}<input type="email" name="{FORMULA}"></label>
<label for="m">@message {SVG}</label><textarea id="m" name="-msg"></textarea><button>Send</button></form>
</main>
<footer><a href="javascript:window.__pwned=1;//https://www.facebook.com/velowerk">Facebook</a>
<a href="https://twitter.com/velowerk&quot;onmouseover=&quot;window.__pwned=1">Twitter</a>
<a href="https://www.instagram.com/velo_werk/?x=&quot;&gt;{SCRIPT}">Instagram</a>
<a href="https://www.facebook.com/velo&apos;onfocus=&apos;window.__pwned=1&apos;autofocus=&apos;">Facebook page</a>
<a href="https://wa.me/4930123456?text={SCRIPT}">WhatsApp</a>
</footer></body></html>"""

CONTACT = f"""<!doctype html><html lang="en"><head><title>Contact {IMG}</title></head><body>
<h1>Contact {SCRIPT}</h1><p>Write to @velo {SVG}: <a href="mailto:info@velo-werk.de">=info@velo-werk.de</a></p>
<p>Phone: +49 30 9876543</p><p>Support hours: {IMG} Mon-Fri</p></body></html>"""

# Payload tags as they would appear if a report let them through raw.
RAW_TAGS = re.compile(r"<\s*(?:img|script|svg|iframe|b)\b", re.I)
EXECUTABLE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
      if (name.startsWith('on') && value.includes('__pwned')) bad.push(el.tagName + ' ' + name + '=' + value);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && value.startsWith('javascript:'))
        bad.push(el.tagName + ' ' + name + '=' + value);
    }
  }
  for (const s of document.scripts)
    if (s.textContent.includes('__pwned')) bad.push('script: ' + s.textContent.slice(0, 80));
  return bad;
}"""


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuditRun]:
    with hosted() as (base, site):
        site.page("/inj/", HOME)
        site.page("/inj/contact", CONTACT)
        site.page("/inj/help", f"<html><head><title>Help {IMG}</title></head><body><h1>Help</h1></body></html>")
        out = tmp_path_factory.mktemp("injection") / "run"
        yield audit(f"{base}/inj/", out, "--format", "all", budget=30.0, render=False)


def test_the_audit_finishes_and_the_payloads_reach_the_report(injected: AuditRun) -> None:
    assert injected.returncode in (0, 1), injected.describe()
    assert injected.seconds <= injected.bound, injected.describe()
    # The test means something only if the page's payloads are in the report, as text.
    assert "__pwned" in (injected.out / "report.html").read_text(encoding="utf-8")


def _open_report(path: Path) -> dict[str, Any]:
    dialogs: list[str] = []
    offsite: list[str] = []

    def guard(route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            offsite.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            page = browser.new_page()
            page.route("**/*", guard)
            page.on("dialog", on_dialog)
            page.goto(path.as_uri(), wait_until="load")
            # Open every <details>, focus and hover what can be, then let timers fire.
            page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            for link in page.query_selector_all("a")[:200]:
                link.hover(timeout=1000, force=True, no_wait_after=True) if link.is_visible() else None
            page.wait_for_timeout(500)
            return {
                "pwned": page.evaluate("() => typeof window.__pwned === 'undefined' ? null : String(window.__pwned)"),
                "executable": page.evaluate(EXECUTABLE),
                "dialogs": dialogs,
                "offsite": offsite,
            }
        finally:
            browser.close()


def test_report_html_runs_no_script_from_the_page(injected: AuditRun) -> None:
    seen = _open_report(injected.out / "report.html")
    assert seen["pwned"] is None, seen
    assert seen["dialogs"] == [], seen
    assert seen["executable"] == [], seen


def _without_code(markdown: str) -> str:
    """Markdown minus code blocks and code spans, where `<` is shown, never parsed."""
    markdown = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return re.sub(r"(`+)(?:(?!\1).)+?\1", "", markdown)


def test_report_md_carries_no_raw_tag_from_the_page(injected: AuditRun) -> None:
    text = _without_code((injected.out / "report.md").read_text(encoding="utf-8"))
    assert RAW_TAGS.findall(text) == [], [line for line in text.splitlines() if RAW_TAGS.search(line)]
    assert "](javascript:" not in text.lower()


def test_a_payload_in_a_tel_link_does_not_lose_the_phone(injected: AuditRun) -> None:
    """The link shows +49 30 2847193; its href carries a payload after the number. The number is
    still the company's: reported, with the broken link as a finding (`link_problems`)."""
    channels = injected.report["channels"]
    phones = {p["e164"] for p in channels["phones"]}
    problems = {p.get("e164") for p in channels["link_problems"]}
    assert "+49302847193" in phones | problems, (channels["phones"], channels["link_problems"])


def test_social_profiles_never_carry_quotes_or_scripts(injected: AuditRun) -> None:
    """No network's profile URL holds a quote, an angle bracket or a space; `javascript:` is no profile."""
    channels = injected.report["channels"]
    urls = [s["url"] for s in channels["social"]] + [m["url"] for m in channels["messengers"]]
    bad = [url for url in urls if re.search(r"[\'\"<>\s]", url) or url.lower().startswith("javascript:")]
    assert bad == [], bad


def test_findings_csv_cells_never_start_a_formula(injected: AuditRun) -> None:
    with (injected.out / "findings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    # The plain-text phone of the contact page is a tap-to-contact finding: its snippet starts with "+".
    assert any("9876543" in cell for row in rows for cell in row), "the payload-bearing row is missing"
    formulas = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]
    assert formulas == [], formulas


def test_report_junit_xml_parses(injected: AuditRun) -> None:
    root = ET.parse(injected.out / "report.junit.xml").getroot()
    assert root.iter("testcase")


def test_report_pdf_is_written(injected: AuditRun) -> None:
    pdf = injected.out / "report.pdf"
    assert pdf.is_file(), injected.describe()
    assert pdf.read_bytes()[:5] == b"%PDF-"
