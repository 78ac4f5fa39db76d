"""Which images the toolkit takes: raster images, told by their bytes, never by their name.

An edition carries its figures' images into HTML, EPUB and PDF. An SVG drawing can hold
scripts and links to local files (``file:///…``), and a file's name says nothing of what
it holds, so only PNG, JPEG, GIF and WebP are used, and only when their first bytes say so.
The importers bring images in by this test, and the store uses a figure's image by it.
"""

from __future__ import annotations

__all__ = ["image_type"]


def image_type(data: bytes) -> str | None:
    """The file name ending of a raster image, by its first bytes; None for anything else
    (a file that only claims to be an image, an SVG drawing, which may hold scripts)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None
