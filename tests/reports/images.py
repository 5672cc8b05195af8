"""Real PNG files for report tests, made without an imaging library."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def png(width: int, height: int, rgb: tuple[int, int, int] = (31, 79, 143)) -> bytes:
    """A valid PNG of one colour, `width` x `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def write_screenshot(run_dir: Path, name: str, width: int, height: int) -> bytes:
    """`run_dir/screenshots/name` as a real PNG; returns its bytes."""
    data = png(width, height)
    (run_dir / "screenshots").mkdir(parents=True, exist_ok=True)
    (run_dir / "screenshots" / name).write_bytes(data)
    return data
