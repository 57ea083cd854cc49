"""IMAP folder names in modified UTF-7 (RFC 3501 §5.1.3), both ways.

Owns the one encoding IMAP uses for mailbox names: printable US-ASCII stands for itself
(`&` written `&-`), every other run of characters is UTF-16BE in base64 with `,` for `/`
and no padding, between `&` and `-`. `Commandes reçues` is `Commandes re&AOc-ues` on the
wire. The standard library has no such codec, hence these few lines.
"""

from __future__ import annotations

import base64
import binascii


class FolderNameError(ValueError):
    """A folder name from the server that is not valid modified UTF-7."""


def _printable(char: str) -> bool:
    return 0x20 <= ord(char) <= 0x7E


def encode_folder(name: str) -> str:
    """The wire form of a folder name (ASCII only)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            data = "".join(run).encode("utf-16-be", "surrogatepass")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",") + "-")
            run.clear()

    for char in name:
        if _printable(char):
            flush()
            out.append("&-" if char == "&" else char)
        else:
            run.append(char)
    flush()
    return "".join(out)


def decode_folder(wire: str) -> str:
    """The folder name a person reads, from its wire form; FolderNameError if malformed."""
    out: list[str] = []
    i = 0
    while i < len(wire):
        char = wire[i]
        if char != "&":
            out.append(char)
            i += 1
            continue
        end = wire.find("-", i + 1)
        if end < 0:
            raise FolderNameError(f"unterminated '&' in folder name {wire!r}")
        chunk = wire[i + 1 : end]
        out.append("&" if not chunk else _decode_run(chunk, wire))
        i = end + 1
    return "".join(out)


def _decode_run(chunk: str, wire: str) -> str:
    text = chunk.replace(",", "/")
    try:
        data = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        return data.decode("utf-16-be")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise FolderNameError(f"bad modified UTF-7 in folder name {wire!r}") from error
