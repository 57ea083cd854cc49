"""Reply text without what it quotes: the part of a mail body the sender actually wrote.

Owns the removal of quoted replies and signatures from a plain-text body: `>` lines,
"On ... wrote:" / "Le ... a écrit :" introductions, Outlook's "-----Original Message-----"
and "From:/De :/Fra: ... Sent:/Envoyé :/Sendt: ..." header blocks, forwarded mails under
their marker lines (English, French, Danish: the markers are `FORWARD_MARKER`, read by
`mail.inbound.forwards`), the `-- ` signature separator and
"Sent from my phone" lines. Quoted lines are blanked rather than removed so that line
numbers in problems still point at the lines the customer sees in their own mail.
Standard library only.
"""

from __future__ import annotations

import re

# An introduction may be wrapped over up to three lines by the sender's client.
_INTRO = re.compile(
    r"(?:on\s.+\swrote|le\s.+\sa\s+[ée]crit|am\s.+\sschrieb|el\s.+\sescribi[óo])\s*:",
    re.IGNORECASE | re.DOTALL,
)
_INTRO_START = re.compile(r"(?:on|le|am|el)\s", re.IGNORECASE)
# A forward's marker line: dashes around it (Gmail, Thunderbird, mutt's "Forwarded message
# from ..."), or a colon after it (Apple Mail), in English, French and Danish.
_FORWARD_PHRASE = (
    r"(?:begin\s+)?forwarded\s+message(?:\s+from\s.*?)?|d[ée]but\s+du\s+message\s+"
    r"r[ée]exp[ée]di[ée]|message\s+transf[ée]r[ée]|(?:start\s+p[åa]\s+)?videresendt\s+"
    r"(?:meddelelse|besked|e-?mail)"
)
FORWARD_MARKER = re.compile(
    rf"-{{2,}}\s*(?:{_FORWARD_PHRASE})\s*-{{2,}}|(?:{_FORWARD_PHRASE})\s*:", re.IGNORECASE
)
# Outlook's marker, written above a quoted mail in replies and forwards alike.
ORIGINAL_MARKER = re.compile(
    r"-{2,}\s*(?:original\s+message|message\s+d'origine|ursprüngliche\s+nachricht|"
    r"mensaje\s+original|oprindelig\s+meddelelse)\s*-{2,}",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"\*?(?:from|de|von|fra)\s*\*?\s*:\s*\*?\s*\S", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(
    r"\*?(?:sent|date|to|subject|cc|envoy[ée]|[àa]|objet|gesendet|an|betreff|sendt|dato|til|"
    r"emne)\s*\*?\s*:",
    re.IGNORECASE,
)
_RULE = re.compile(r"_{8,}")
_SIGNATURE = re.compile(r"--\s*|__\s*")
_MOBILE = re.compile(
    r"(?:sent\s+from\s+my|envoy[ée]\s+(?:de|depuis)\s+mon|get\s+outlook\s+for|"
    r"t[ée]l[ée]charger\s+outlook)\b",
    re.IGNORECASE,
)


def _intro_length(lines: list[str], i: int) -> int:
    """How many lines an "On ... wrote:" introduction starting at `i` spans; 0 if none."""
    if not _INTRO_START.match(lines[i].strip()):
        return 0
    for n in (1, 2, 3):
        joined = " ".join(line.strip() for line in lines[i : i + n])
        if _INTRO.fullmatch(joined):
            return n
    return 0


def _is_outlook_block(lines: list[str], i: int) -> bool:
    """A `From:` line followed closely by `Sent:`/`To:`/`Subject:`: a quoted mail's header."""
    if not _OUTLOOK_FROM.match(lines[i].strip()):
        return False
    following = [line.strip() for line in lines[i + 1 : i + 5] if line.strip()]
    return any(_OUTLOOK_NEXT.match(line) for line in following[:3])


def _starts_rest(lines: list[str], i: int) -> bool:
    """True when everything from line `i` on is quoted mail, signature or phone footer."""
    line = lines[i].strip()
    if _SIGNATURE.fullmatch(lines[i].rstrip("\r")) or ORIGINAL_MARKER.fullmatch(line):
        return True
    if FORWARD_MARKER.fullmatch(line):
        return True
    if _MOBILE.match(line) or _is_outlook_block(lines, i):
        return True
    return bool(_RULE.fullmatch(line)) and i + 1 < len(lines) and _is_outlook_block(lines, i + 1)


def _quoted_follows(lines: list[str], i: int) -> bool:
    """True when the next non-empty line from `i` is a `>` quote."""
    for line in lines[i:]:
        if line.strip():
            return line.lstrip().startswith(">")
    return True


def starts_reply_quote(lines: list[str], i: int) -> bool:
    """Whether line `i` starts the quote of a reply: a `>` line or an "On ... wrote:"."""
    return lines[i].lstrip().startswith(">") or _intro_length(lines, i) > 0


def is_quoted_header_block(lines: list[str], i: int) -> bool:
    """Whether line `i` starts an Outlook-style quoted header block (`From:` then `Sent:`...),
    possibly under a rule of underscores."""
    if _RULE.fullmatch(lines[i].strip()):
        return i + 1 < len(lines) and _is_outlook_block(lines, i + 1)
    return _is_outlook_block(lines, i)


def strip_quoted(text: str) -> str:
    """The text the sender wrote: quotes blanked, and cut at quoted mail or signature."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if _starts_rest(lines, i):
            break
        span = _intro_length(lines, i)
        if span:
            # Bottom-posters answer below a `>` quote: keep reading after it. Without `>`
            # lines the quoted mail follows unmarked, so the rest is cut.
            if not _quoted_follows(lines, i + span):
                break
            kept.extend([""] * span)
            i += span
            continue
        kept.append("" if lines[i].lstrip().startswith(">") else lines[i])
        i += 1
    return "\n".join(kept).rstrip()
