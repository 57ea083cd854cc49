"""The content hash that tells a mail delivered twice from two mails with one Message-ID."""

from __future__ import annotations

from mail.inbound.fingerprint import content_hash

MAIL = (
    b"From: buyer@acme.test\r\nTo: orders@shop.test\r\nSubject: Order\r\n"
    b"Message-ID: <m1@acme.test>\r\n\r\n10 x WIDGET-A\r\n"
)


def _delivered(raw: bytes, hop: bytes) -> bytes:
    """`raw` as a server hands it over: its own trace headers in front."""
    trace = (
        b"Return-Path: <buyer@acme.test>\r\nDelivered-To: orders@shop.test\r\n"
        b"Received: from mx." + hop + b" (mx." + hop + b" [192.0.2.1])\r\n"
        b"\tby imap.shop.test with LMTP\r\n\tid " + hop + b"; Mon, 2 Mar 2026 09:00:00 +0000\r\n"
        b"Authentication-Results: mx.shop.test; dmarc=pass header.from=acme.test\r\n"
        b"ARC-Seal: i=1; cv=none; d=" + hop + b"\r\nX-Spam-Score: 0.1\r\n"
    )
    return trace + raw


def test_the_same_mail_through_two_paths_hashes_the_same() -> None:
    one, two = _delivered(MAIL, b"a"), _delivered(MAIL, b"b")
    assert one != two
    assert content_hash(one) == content_hash(two) == content_hash(MAIL)
    assert content_hash(MAIL.replace(b"\r\n", b"\n")) == content_hash(MAIL)  # LF stored


def test_what_the_sender_wrote_changes_the_hash() -> None:
    other_body = MAIL.replace(b"10 x", b"11 x")
    other_sender = MAIL.replace(b"buyer@", b"other@")
    other_subject = MAIL.replace(b"Subject: Order", b"Subject: Order 2")
    hashes = {content_hash(m) for m in (MAIL, other_body, other_sender, other_subject)}
    assert len(hashes) == 4


def test_a_header_only_fetch_hashes_its_headers() -> None:
    head = MAIL.partition(b"\r\n\r\n")[0] + b"\r\n\r\n"
    assert content_hash(head) == content_hash(head.rstrip(b"\r\n"))
    assert content_hash(head) != content_hash(head.replace(b"Order", b"Other"))
