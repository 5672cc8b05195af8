"""Serve a folder of static pages on 127.0.0.1: the demo site and the test fixture sites."""

from __future__ import annotations

import os
import posixpath
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

# A form back end for fixture sites: (path, urlencoded body) -> (status, headers, body).
PostHandler = Callable[[str, bytes], tuple[int, dict[str, str], bytes]]


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not write a log line per request."""

    redirects: ClassVar[dict[str, str]] = {}
    on_post: ClassVar[PostHandler | None] = None
    # Single-page apps: URL prefix ("/app/") -> the folder its files are served from.
    spa_roots: ClassVar[dict[str, Path]] = {}

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

    def translate_path(self, path: str) -> str:
        """The file for a URL path. Under a single-page app's prefix it is in the app's folder,
        and a route that names no file (no extension) gets the app's index.html, as the
        history-API fallback of static hosts does (nginx `try_files $uri /index.html`)."""
        route = path.split("?", 1)[0].split("#", 1)[0]
        for prefix, folder in self.spa_roots.items():
            if not route.startswith(prefix):
                continue
            # The stdlib's normalisation (no `..`, no drive names), re-rooted in the app's folder.
            local = str(folder) + super().translate_path("/" + path[len(prefix) :])[len(self.directory) :]
            if not os.path.exists(local) and not posixpath.splitext(route.rstrip("/"))[1]:
                return str(folder / "index.html")
            return local
        return super().translate_path(path)

    def do_POST(self) -> None:
        handler = type(self).on_post
        if handler is None:
            self.send_error(501, "Unsupported method ('POST')")
            return
        length = int(self.headers.get("Content-Length") or 0)
        status, headers, body = handler(self.path, self.rfile.read(length))
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(
    root: Path,
    redirects: dict[str, str] | None = None,
    port: int = 0,
    on_post: PostHandler | None = None,
    handler_class: type[QuietHandler] = QuietHandler,
    spa_roots: dict[str, Path] | None = None,
) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 and yield its base URL (`http://127.0.0.1:PORT`); POSTs go to `on_post`.

    `handler_class` is a QuietHandler that answers some requests its own way (benchmarks: slow pages).
    `spa_roots` maps URL prefixes (`/app/`) to single-page apps' folders: their files are served
    there, and an unknown route without an extension gets the app's index.html with status 200.
    """
    attributes = {
        "redirects": dict(redirects or {}),
        "on_post": staticmethod(on_post) if on_post else None,
        "spa_roots": dict(spa_roots or {}),
    }
    handler = type("Handler", (handler_class,), attributes)
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="sitehost", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
