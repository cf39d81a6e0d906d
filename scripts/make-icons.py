#!/usr/bin/env python3
"""Draws Baca's toolbar icons (extension/icons/icon-{16,32,48,128}.png), stdlib only.

An open book in white on a rounded teal square. Run again after changing the drawing; the PNGs
are committed so the build needs no Python.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "extension", "icons")
TEAL = (0x0F, 0x76, 0x6E)
WHITE = (0xFF, 0xFF, 0xFF)


def coverage(size, x, y, inside, ss=4):
    """Fraction of the pixel (x, y) covered by shape `inside(u, v)` in unit coordinates."""
    hits = 0
    for i in range(ss):
        for j in range(ss):
            u = (x + (i + 0.5) / ss) / size
            v = (y + (j + 0.5) / ss) / size
            hits += inside(u, v)
    return hits / (ss * ss)


def rounded_square(u, v, r=0.2):
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    return (u - cx) ** 2 + (v - cy) ** 2 <= r * r


def book(u, v):
    # two pages, slightly raised at the outer edges, with a gap at the spine
    if not (0.16 <= u <= 0.84):
        return False
    lift = 0.06 * abs(u - 0.5) / 0.34
    top, bottom = 0.28 - lift, 0.74 - lift
    if not (top <= v <= bottom):
        return False
    return abs(u - 0.5) >= 0.025


def png(size):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            a = coverage(size, x, y, rounded_square)
            b = coverage(size, x, y, book)
            rgb = [round(TEAL[k] * (1 - b) + WHITE[k] * b) for k in range(3)]
            row += bytes(rgb + [round(255 * a)])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for s in (16, 32, 48, 128):
        with open(os.path.join(OUT, f"icon-{s}.png"), "wb") as f:
            f.write(png(s))
    print("icons written to", os.path.normpath(OUT))
