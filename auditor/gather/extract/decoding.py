"""Bytes a server sent, turned into HTML text we can audit, or a warning saying why not.

Servers lie about encodings, omit them, send 40 MB pages or images labelled text/html.
None of that may stop a crawl: the page is recorded with a warning and the crawl goes on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

# Past this, a page is cut: no real contact page is that large, and parsing it
# would stall the crawl for everyone else.
MAX_HTML_BYTES = 4 * 1024 * 1024

# Leading bytes of formats that are never HTML (served as text/html by broken servers).
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP/AVI) file"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"wOF2", "a font"),
    (b"wOFF", "a font"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MARKUP = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<!--)|<(?:html|body|a|div|p)[\s>]", re.I)


@dataclass
class DecodedPage:
    """The page's text (None when it is not HTML at all) and what went wrong on the way."""

    text: str | None
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    # Why only part of the page was read (cut_warning), when it was cut.
    cut: str | None = None


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if not head:
        return None
    # Text in any encoding we read has almost no C0 control bytes; UTF-16 without a BOM
    # is the exception that proves the rule and is vanishingly rare on the web.
    if len(_CONTROL.findall(head)) > max(8, len(head) // 20):
        return "binary data"
    return None


def _strict(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    name = resolve_encoding(encoding)
    if name is None:
        return None
    try:
        return codecs.decode(body, name)
    except (UnicodeDecodeError, LookupError):
        return None


def cut_warning(size: int | None) -> str:
    """What a page longer than what is audited of it says (`size` None: its download was stopped)."""
    first = f"only the first {MAX_HTML_BYTES // 1024} KiB were audited"
    if size is None:
        return f"page is longer than {MAX_HTML_BYTES // 1024} KiB; its download was stopped there and {first}"
    return f"page is {size // 1024} KiB; {first}"


def decode_html(body: bytes, content_type: str | bytes | None = None, *, stopped: bool = False) -> DecodedPage:
    """Decode a response body the way a browser would, but honestly about doubts.

    Order: byte-order mark, the HTTP charset, the page's own <meta charset>, UTF-8, then
    a statistical guess (Windows-1251 and Shift_JIS pages often declare nothing).
    A declared encoding that the bytes contradict is reported, not trusted. `stopped`:
    the body is what came before its download was stopped at MAX_HTML_BYTES.
    """
    cut = cut_warning(None) if stopped else cut_warning(len(body)) if len(body) > MAX_HTML_BYTES else None
    decoded = _decode(body[:MAX_HTML_BYTES], content_type, [cut] if cut else [])
    decoded.cut = cut
    return decoded


def _decode(body: bytes, content_type: str | bytes | None, warnings: list[str]) -> DecodedPage:
    head = body[:2048]
    if b"\x00" in head and head.count(b"\x00") < len(head) * 0.3 and _MARKUP.search(head.replace(b"\x00", b"")):
        # NUL bytes between the tags of a page (UTF-16 would have one in every other byte):
        # a browser skips them, and so does the audit.
        body = body.replace(b"\x00", b"")
        warnings.append("the page holds NUL bytes; they were removed")
    kind = _binary_kind(body[:2048])
    if kind is not None:
        return DecodedPage(None, "", [*warnings, f"served as HTML but is {kind}; skipped"])
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        text = _strict(body[len(bom) :], bom_encoding)
        if text is not None:
            return DecodedPage(text, bom_encoding, warnings)
    header = content_type.decode("latin-1") if isinstance(content_type, bytes) else content_type
    declared = [
        ("the HTTP header", http_content_type_encoding(header) if header else None),
        ("the page's meta tag", html_body_declared_encoding(body[:4096])),
    ]
    for where, encoding in declared:
        if not encoding:
            continue
        text = _strict(body, encoding)
        if text is not None:
            return DecodedPage(text, resolve_encoding(encoding) or encoding, warnings)
        warnings.append(f"the encoding declared in {where} ({encoding}) does not match the page's bytes")
    text = _strict(body, "utf-8")
    if text is not None:
        return DecodedPage(text, "utf-8", warnings)
    # Mostly UTF-8 with a few stray bytes (a Windows-1252 quote pasted into a UTF-8
    # template): keep UTF-8, lose only the stray characters.
    lenient = body.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(3, len(lenient) // 1000) and re.search(r"[^\x00-\x7f]", lenient):
        warnings.append("the page mixes encodings; a few unreadable characters were replaced")
        return DecodedPage(lenient, "utf-8", warnings)
    best = from_bytes(body[:262144]).best()
    if best is not None and best.encoding:
        text = body.decode(best.encoding, errors="replace")
        if not any(w.startswith("the encoding declared") for w in warnings):
            warnings.append(f"the page declares no usable encoding; read as {best.encoding}")
        return DecodedPage(text, best.encoding, warnings)
    warnings.append("the page's encoding could not be determined; unreadable bytes were replaced")
    return DecodedPage(body.decode("utf-8", errors="replace"), "utf-8", warnings)
