"""Serve a folder of static pages on 127.0.0.1: the demo site and the test fixture sites."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not write a log line per request."""

    redirects: ClassVar[dict[str, str]] = {}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self) -> None:
        target = self.redirects.get(self.path)
        if target is not None:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()


@contextmanager
def serve(root: Path, redirects: dict[str, str] | None = None, port: int = 0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 and yield its base URL (`http://127.0.0.1:PORT`)."""
    handler = type("Handler", (QuietHandler,), {"redirects": dict(redirects or {})})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="sitehost", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
