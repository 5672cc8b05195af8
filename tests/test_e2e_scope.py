"""A real crawl never reaches the services beside the audited site: other ports of its host."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from auditor.demo.sitehost import serve
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


class _InternalService(BaseHTTPRequestHandler):
    """Stands for an admin console on another port: records every request it gets."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = b"<html><body><h1>Admin</h1><p>root@internal-admin.de</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def internal_service() -> Iterator[tuple[int, list[str]]]:
    handler = type("Recorder", (_InternalService,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler.requests
    finally:
        server.shutdown()
        server.server_close()


def test_links_frames_and_scripts_to_another_port_of_the_host_are_never_requested(
    internal_service: tuple[int, list[str]], tmp_path: Path
) -> None:
    port, requests = internal_service
    internal = f"http://127.0.0.1:{port}"
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f"""<!doctype html><html lang="en"><head><title>Velo Werk</title></head><body>
        <nav><a href="/contact.html">Contact</a> <a href="{internal}/admin">Admin</a></nav>
        <main><h1>Velo Werk</h1><p>Bicycles built to last.</p>
        <iframe src="{internal}/status"></iframe>
        <script>fetch("{internal}/api/users").catch(function () {{}});</script></main>
        <footer><a href="mailto:info@velo-werk.de">info@velo-werk.de</a></footer></body></html>""",
        encoding="utf-8",
    )
    (site / "contact.html").write_text(
        f"""<!doctype html><html lang="en"><head><title>Contact</title></head><body>
        <h1>Contact</h1><p><a href="{internal}/">Service desk</a></p>
        <script>location.href = "{internal}/login";</script></body></html>""",
        encoding="utf-8",
    )
    out = tmp_path / "run"
    with serve(site) as base:
        done = run_cli("audit", f"{base}/", "--out", str(out), "--delay", "0", "--quiet", "--no-history")
    assert done.returncode in (0, 1), done.stderr
    assert requests == []
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {e["address"] for e in report["channels"]["emails"]} == {"info@velo-werk.de"}
    artifacts = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))
    assert all(str(port) not in page["url"] for page in artifacts["pages"])
