"""Text bytes whose charset the mail does not declare: the fallback decoding.

Owns reading a text part sent without a charset parameter (or with `us-ascii` while it
holds 8-bit bytes, which is the same omission): an HTML part's own `<meta charset>` or
`<meta http-equiv="Content-Type" content="...; charset=...">` first, then UTF-8 (which
fails loudly on anything else), then Windows-1252, the superset of Latin-1 every
Western mail client of the last decades wrote, so "Réf :" stays "Réf :" and the
words the order parser looks for are found. Standard library only.
"""

from __future__ import annotations

import codecs
import re

# A meta tag naming the charset: `<meta charset=...>` or the http-equiv form; only the
# head of the document is searched, where browsers look for it too.
_META = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_META_WINDOW = 4096
LAST_RESORT = "cp1252"
# As browsers do (WHATWG Encoding): a page labelled Latin-1 or ASCII is read as cp1252,
# which only adds characters (€, œ, curly quotes) where Latin-1 has control codes.
_READ_AS = {"iso8859-1": LAST_RESORT, "ascii": LAST_RESORT}


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a `<meta>` tag, if a known one."""
    m = _META.search(data[:_META_WINDOW])
    if m is None:
        return None
    name = m[1].decode("ascii", "replace").lower()
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    return _READ_AS.get(found, found)


def undeclared(declared: str | None, data: bytes) -> bool:
    """Whether the part's charset must be guessed: none given, or us-ascii with 8-bit bytes."""
    if declared is None:
        return not data.isascii()
    return declared.lower() in ("us-ascii", "ascii") and not data.isascii()


def decode_guessed(data: bytes, html: bool) -> tuple[str, str]:
    """The text of `data` and the charset it was read as: meta (HTML), UTF-8, Windows-1252."""
    candidates = [meta_charset(data)] if html else []
    for charset in (*candidates, "utf-8"):
        if charset is None:
            continue
        try:
            return data.decode(charset), charset
        except (UnicodeDecodeError, LookupError):
            continue
    # the five bytes cp1252 leaves undefined become replacement characters
    return data.decode(LAST_RESORT, "replace"), LAST_RESORT
