"""The seller as documents print it: name, address, VAT number, registration, logo, bank
details and terms (the `COMPANY_*` settings, handed over by bootstrap)."""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path


def lines_of(text: str) -> tuple[str, ...]:
    """A setting's lines, written with `|` between them."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


@dataclass(frozen=True)
class Company:
    """Who sells. `logo` is a `data:` URI (so rendering never fetches anything)."""

    name: str
    address: tuple[str, ...] = ()
    vat_number: str = ""
    registration: tuple[str, ...] = ()
    bank: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    logo: str = ""


def logo_uri(path: str) -> str:
    """The logo file as a `data:` URI; empty without a path. OSError when it cannot be
    read, ValueError when it is not an image WeasyPrint draws."""
    if not path:
        return ""
    kind = mimetypes.guess_type(path)[0] or ""
    if kind not in ("image/png", "image/jpeg", "image/svg+xml", "image/gif"):
        raise ValueError(f"COMPANY_LOGO {path}: a logo is a PNG, JPEG, GIF or SVG file")
    data = Path(path).read_bytes()
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
