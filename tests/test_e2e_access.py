"""A staging site behind basic auth, a preview header and a cookie, whose robots.txt
disallows everything: audited only when its owner says so, and no secret leaves it."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow

PASSWORD = "Staging-pw-7731"
TOKEN = "preview-token-c0ffee"
COOKIE = "cookie-value-9f2e"
SECRETS = (PASSWORD, TOKEN, COOKIE, base64.b64encode(f"preview:{PASSWORD}".encode()).decode())

HOME = """<!doctype html><html lang="en"><head><title>Kestrel Optics (staging)</title>
<script src="{vendor}/widget.js"></script></head>
<body><header><nav><a href="/contact/">Contact</a></nav></header>
<main><h1>Kestrel Optics</h1><p id="support">Loading</p></main>
<script>
  fetch("/api/support").then((r) => r.json()).then((data) => {{
    const link = "<a href='mailto:" + data.email + "'>" + data.email + "</a>";
    document.getElementById("support").innerHTML = "Support: " + link;
  }});
</script></body></html>"""
CONTACT = """<!doctype html><html lang="en"><head><title>Contact</title></head><body>
<main><h1>Contact us</h1><p>Write to <a href="mailto:info@kestrel-optics.nl">info@kestrel-optics.nl</a></p></main>
</body></html>"""


class Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, dict[str, str]]]]
    pages: ClassVar[dict[str, tuple[str, str]]]
    protected: ClassVar[bool]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        type(self).requests.append((self.path, headers))
        if self.protected and self.path != "/robots.txt":
            expected = "Basic " + base64.b64encode(f"preview:{PASSWORD}".encode()).decode()
            if headers.get("authorization") != expected:
                return self._send(401, "text/plain", "login required", {"WWW-Authenticate": 'Basic realm="staging"'})
            if headers.get("x-preview-token") != TOKEN or f"preview={COOKIE}" not in headers.get("cookie", ""):
                return self._send(403, "text/plain", "not a preview session")
        content_type, body = self.pages.get(self.path, ("text/plain", ""))
        self._send(200 if self.path in self.pages else 404, content_type, body)

    def _send(self, status: int, content_type: str, body: str, extra: dict[str, str] | None = None) -> None:
        data = body.encode()
        self.send_response(status)
        for name, value in {"Content-Type": content_type, "Content-Length": str(len(data)), **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def start(pages: dict[str, tuple[str, str]], protected: bool) -> tuple[ThreadingHTTPServer, type[Recorder]]:
    handler = type("Handler", (Recorder,), {"requests": [], "pages": pages, "protected": protected})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler


@pytest.fixture(scope="module")
def staging() -> Iterator[tuple[str, type[Recorder], type[Recorder]]]:
    # The "vendor" is another site: it must never see the staging site's secrets.
    vendor, vendor_log = start({"/widget.js": ("text/javascript", "window.vendorLoaded = true;")}, protected=False)
    vendor_url = f"http://localhost:{vendor.server_address[1]}"
    site, site_log = start(
        {
            "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /\n"),
            "/": ("text/html; charset=utf-8", HOME.format(vendor=vendor_url)),
            "/contact/": ("text/html; charset=utf-8", CONTACT),
            "/api/support": ("application/json", json.dumps({"email": "support@kestrel-optics.nl"})),
        },
        protected=True,
    )
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}/", site_log, vendor_log
    finally:
        site.shutdown()
        vendor.shutdown()


def test_robots_txt_is_obeyed_unless_the_owner_says_otherwise(staging: tuple[str, type, type], tmp_path: Path) -> None:
    url, site_log, _ = staging
    done = run_cli("audit", url, "--out", str(tmp_path), "--delay", "0", "--no-history", "--quiet")
    assert done.returncode == 3, done.stderr
    assert "robots.txt" in done.stderr and "--ignore-robots-txt" in done.stderr
    assert {path for path, _ in site_log.requests} == {"/robots.txt"}


def test_a_protected_staging_site_is_audited_with_its_access_and_no_secret_is_written(
    staging: tuple[str, type, type], tmp_path: Path
) -> None:
    url, site_log, vendor_log = staging
    out = tmp_path / "run"
    done = run_cli(
        "audit", url, "--out", str(out), "--delay", "0", "--no-history", "--format", "all",
        "--ignore-robots-txt", "--header", f"X-Preview-Token: {TOKEN}", "--cookie", f"preview={COOKIE}",
        env={"CONTACT_AUDIT_AUTH": f"preview:{PASSWORD}"},
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    addresses = {e["address"] for e in report["channels"]["emails"]}
    # The script's data call carried the access too: its answer is on the rendered home page.
    assert addresses == {"info@kestrel-optics.nl", "support@kestrel-optics.nl"}
    assert any("robots.txt was not obeyed" in w for w in report["warnings"])
    assert "/api/support" in {path for path, _ in site_log.requests}
    for path, headers in vendor_log.requests:
        assert not any(secret in " ".join(headers.values()) for secret in SECRETS), path
    written = [
        p for p in out.rglob("*") if p.is_file() and p.suffix in {".json", ".html", ".md", ".csv", ".xml", ".log"}
    ]
    assert {"report.json", "results.json", "artifacts.json", "crawl.log"} <= {p.name for p in written}
    for file in written:
        text = file.read_text(encoding="utf-8", errors="replace")
        assert not any(secret in text for secret in SECRETS), file.name
    assert not any(secret in done.stdout + done.stderr for secret in SECRETS)
    # Nothing asked any other host, not even for the public suffix list a cookie check needs.
    assert "publicsuffix" not in (out / "crawl.log").read_text(encoding="utf-8")


def test_a_secret_named_by_reference_must_be_set(staging: tuple[str, type, type], tmp_path: Path) -> None:
    url, _, _ = staging
    done = run_cli(
        "audit", url, "--out", str(tmp_path), "--no-history", "--ignore-robots-txt", "--auth", "env:STAGING_LOGIN_UNSET"
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "STAGING_LOGIN_UNSET" in done.stderr and "not set" in done.stderr
