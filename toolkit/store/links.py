"""Which link addresses an edition may carry: one rule, for ``check`` and for rendering.

A reader's book must not run code or open local files when a link is followed, so
an address is safe only when it is

- ``http://…`` or ``https://…`` (a page on the web),
- ``mailto:…`` (a letter), or
- ``#…`` (a place in the same document),

with the scheme in any case (``HTTPS://`` is https) and nothing before it: no white
space and no control character anywhere, since browsers strip or skip those, and
``\\x01javascript:`` or ``java\\tscript:`` would otherwise run as ``javascript:``.
Everything else is unsafe: ``javascript:``, ``vbscript:``, ``data:``, ``file:``, and
relative addresses too (``index.html``, ``../x``, ``//host/x``), which point at files
beside the book that it does not carry.
"""

from __future__ import annotations

import re

#: A safe address, whole: an allowed scheme or a '#', then at least one visible character.
_SAFE = re.compile(r"(?:https?://|mailto:|#)[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

#: What to tell a user whose link is not safe.
SAFE_LINK_FIX = (
    "give the link an address starting https://, http:// or mailto:, or #id for a place "
    "in the text; or keep only its words (write them without [ ](…))"
)


def is_safe_url(url: str) -> bool:
    """May ``url`` be a link's address in an edition? (See the module's docstring.)"""
    return _SAFE.fullmatch(url) is not None
