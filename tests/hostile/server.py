"""A hostile web server on 127.0.0.1: one small site per case under its own prefix.

Every request is recorded (path, method, headers), so a test can assert what an audit
asked for and, above all, what it never asked for. Pages are generated in code: a route
is a function that writes its own answer, so a case can drip, stall, lie about its
encoding, explode when decompressed or redirect forever.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import urlsplit

PERMISSIVE_ROBOTS = "User-agent: *\nAllow: /\n"


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    method: str
    path: str  # with its query
    headers: dict[str, str]

    @property
    def route(self) -> str:
        return urlsplit(self.path).path


Responder = Callable[["HostileHandler"], None]


class HostileSite:
    """The routes of one server and the log of what it was asked."""

    def __init__(self, robots: str | None = PERMISSIVE_ROBOTS) -> None:
        self.routes: dict[str, Responder] = {}
        self.prefixes: list[tuple[str, Responder]] = []
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        # Set when the server stops: dripping and stalled answers end then.
        self.stopping = threading.Event()
        if robots is not None:
            self.route("/robots.txt", body(robots.encode(), content_type="text/plain"))

    def route(self, path: str, responder: Responder) -> None:
        """Answer the exact path (any query) with `responder`."""
        self.routes[path] = responder

    def route_prefix(self, prefix: str, responder: Responder) -> None:
        """Answer every path under `prefix` not routed exactly."""
        self.prefixes.append((prefix, responder))
        self.prefixes.sort(key=lambda item: -len(item[0]))

    def page(self, path: str, html: str | bytes, **options: Any) -> None:
        self.route(path, body(html.encode() if isinstance(html, str) else html, **options))

    def find(self, path: str) -> Responder:
        route = urlsplit(path).path
        # `;jsessionid=...` is a path parameter: it names no other page.
        route = route.split(";", 1)[0]
        if route in self.routes:
            return self.routes[route]
        for prefix, responder in self.prefixes:
            if route.startswith(prefix):
                return responder
        return body(b"<html><body><h1>Not found</h1></body></html>", status=404)

    def record(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)

    def requests(self, prefix: str = "/") -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.path.startswith(prefix)]

    def paths(self, prefix: str = "/") -> list[str]:
        return [hit.path for hit in self.requests(prefix)]


class HostileHandler(BaseHTTPRequestHandler):
    """Records each request, then lets its route answer (however badly)."""

    site: ClassVar[HostileSite]
    server_version = "hostile/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def _handle(self) -> None:
        self.site.record(Hit(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
        # A client that gave up: what it did not read is its business.
        with suppress(BrokenPipeError, ConnectionResetError, TimeoutError):
            self.site.find(self.path)(self)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()


def body(
    content: bytes,
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> Responder:
    """A plain answer of `content` with its length."""

    def answer(handler: HostileHandler) -> None:
        names = {"Content-Type": content_type, "Content-Length": str(len(content)), **(headers or {})}
        handler.head(status, {k: v for k, v in names.items() if v})
        if handler.command != "HEAD":
            handler.wfile.write(content)

    return answer


def redirect(location: str | Callable[[HostileHandler], str], status: int = 302) -> Responder:
    """An HTTP redirect; `location` may be computed from the request (chains, loops)."""

    def answer(handler: HostileHandler) -> None:
        target = location(handler) if callable(location) else location
        handler.head(status, {"Location": target, "Content-Length": "0"})

    return answer


def drip(start: bytes, *, every: float = 0.5, seconds: float = 600.0) -> Responder:
    """`start`, then one byte every `every` seconds for `seconds`: a page that never quite arrives."""

    def answer(handler: HostileHandler) -> None:
        handler.head(200, {"Content-Type": "text/html; charset=utf-8"})
        handler.wfile.write(start)
        handler.wfile.flush()
        ends = time.monotonic() + seconds
        while time.monotonic() < ends and not handler.site.stopping.wait(every):
            handler.wfile.write(b" ")
            handler.wfile.flush()

    return answer


def stall(start: bytes, *, content_length: int = 100_000) -> Responder:
    """Headers promising `content_length` bytes, `start`, then nothing until the server stops."""

    def answer(handler: HostileHandler) -> None:
        handler.head(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(content_length)})
        handler.wfile.write(start)
        handler.wfile.flush()
        handler.site.stopping.wait(900)

    return answer


def chunks(produce: Callable[[], Iterator[bytes]], *, length: int, content_type: str) -> Responder:
    """A large answer written piece by piece (never held twice in memory)."""

    def answer(handler: HostileHandler) -> None:
        handler.head(200, {"Content-Type": content_type, "Content-Length": str(length)})
        for piece in produce():
            if handler.site.stopping.is_set():
                return
            handler.wfile.write(piece)

    return answer


@cache
def gzip_bomb(prefix: bytes, zeros: int = 1 << 30) -> bytes:
    """A gzip stream of `prefix` and then `zeros` NUL bytes (1 GiB: about 1 MB compressed).

    Each MiB of zeros is compressed once and repeated: after a full flush the compressor
    starts afresh, so every MiB comes out as the same bytes. Only the CRC needs all of it.
    """
    mib = 1 << 20
    assert zeros % mib == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(mib)) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    zero_mib = bytes(mib)
    for _ in range(zeros // mib):
        crc = zlib.crc32(zero_mib, crc)
    size = (len(prefix) + zeros) & 0xFFFFFFFF
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + head + block * (zeros // mib) + tail + crc.to_bytes(4, "little") + size.to_bytes(4, "little")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Popup loops and two crawls' worth of connections at once.
    request_queue_size = 128


@contextmanager
def serve(site: HostileSite, port: int = 0) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 and yield its base URL, `http://127.0.0.1:PORT`."""
    handler = type("Handler", (HostileHandler,), {"site": site})
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="hostile-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        site.stopping.set()
        server.shutdown()
        server.server_close()
