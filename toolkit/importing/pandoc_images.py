"""Images a document refers to, brought in as the figure's own files (``images/<name>``).

The store refuses figure paths that leave the work, so an image is copied into the import's
resources: a file saved beside a web page or Markdown file (a relative address, looked up
in the file's folder and never outside it, symbolic links included), an image embedded in
a DOCX (Pandoc extracts it into a temporary folder), or a ``data:`` image. A remote image
cannot be fetched (the import never uses the network); nor can a missing file. Then the
reader keeps the caption as text and records the address.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from toolkit.store.imagetype import image_type

#: Images larger than this are not brought in (a saved page holds photos, not archives).
MAX_BYTES = 50 * 1024 * 1024
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DATA = re.compile(r"data:(image/[\w.+-]+)?(;[^,]*)?,(.*)", re.S)
_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


@dataclass(frozen=True)
class Fetched:
    """An image brought in: its path in the resources (``images/photo.jpg``)."""

    path: str


@dataclass(frozen=True)
class Unavailable:
    """An image that could not be brought in, and why (for people)."""

    why: str


@dataclass
class Images:
    """Looks images up under ``folder`` and collects them as resources, each once.

    ``folder`` is the web page's or Markdown file's folder, or the folder Pandoc extracted
    a DOCX's media into; None when there is none (then only ``data:`` images are found).
    """

    folder: Path | None
    resources: dict[str, bytes] = field(default_factory=dict)

    def fetch(self, src: str) -> Fetched | Unavailable:
        src = src.strip()
        if src.startswith("data:"):
            return self._data(src)
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.startswith("//"):
            return Unavailable("a remote address (the import does not use the network)")
        if not parts.path:
            return Unavailable("no address")
        if self.folder is None:
            return Unavailable("no folder to look for it in")
        relative = unquote(parts.path)
        if relative.startswith(("/", "\\")) or Path(relative).is_absolute():
            return Unavailable("an absolute path, outside the file's folder")
        base = self.folder.resolve()
        path = (base / relative).resolve()  # symbolic links followed: where it really is
        if not path.is_relative_to(base):
            return Unavailable("outside the file's folder")
        if not path.is_file():
            return Unavailable("not found beside the file")
        if path.stat().st_size > MAX_BYTES:
            return Unavailable(f"larger than {MAX_BYTES // 2**20} MB")
        return self._keep(path.name, path.read_bytes())

    def _data(self, src: str) -> Fetched | Unavailable:
        m = _DATA.match(src)
        kind = m.group(1) if m else None
        if m is None or kind not in _TYPES or "base64" not in (m.group(2) or ""):
            return Unavailable("an embedded data address that is not a base64 image")
        try:
            data = base64.b64decode(re.sub(r"\s+", "", m.group(3)), validate=True)
        except (binascii.Error, ValueError):
            return Unavailable("an embedded image that does not decode")
        return self._keep(f"image.{_TYPES[kind]}", data)

    def _keep(self, name: str, data: bytes) -> Fetched | Unavailable:
        """The resource path for ``data``, named by the file and its content
        (``images/photo-3fa2c1d8.jpg``): the same bytes always get the same name, and two
        different images never one name, whichever import or language brings them."""
        ext = image_type(data)
        if ext is None:
            return Unavailable("not a PNG, JPEG, GIF or WebP image")
        stem = _SAFE.sub("-", PurePosixPath(name).stem).strip("-.")[:60] or "image"
        path = f"images/{stem}-{hashlib.sha256(data).hexdigest()[:8]}.{ext}"
        self.resources[path] = data
        return Fetched(path)
