"""Every real-world mail of the shared corpus is read into a value the listener can act on.

The corpus (../shared/mail-corpus, from the Ruby `mail` library's fixtures) holds odd
encodings, broken headers, bounces, Outlook attachments and illegal boundaries. Each must
end as something decidable: a sender to answer, a flag that forbids answering, or a
problem that explains why the mail cannot be taken. CI has shared/ beside the clone, so
a missing corpus is a failure, not a skip.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from mail.inbound.mail import InboundMail
from mail.inbound.parse import parse_message
from tests.paths import SHARED

CORPUS = SHARED / "mail-corpus"
OWN = frozenset({"orders@acme.test"})


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        raise RuntimeError(f"mail corpus missing: expected it at {CORPUS}")
    files = [
        p
        for p in sorted(CORPUS.rglob("*"))
        if p.is_file() and not p.name.startswith(("README", "LICENSE"))
    ]
    assert len(files) > 90, f"only {len(files)} corpus files under {CORPUS}"
    return files


FILES = corpus_files()


def name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


@cache
def parsed(path: Path) -> InboundMail:
    return parse_message(path.read_bytes(), OWN, "mx.acme.test")


def with_flag(flag: str) -> set[str]:
    return {name(p) for p in FILES if flag in parsed(p).classification.reasons}


def with_problem(code: str) -> set[str]:
    return {name(p) for p in FILES if code in {x.code for x in parsed(p).problems}}


@pytest.mark.parametrize("path", FILES, ids=name)
def test_every_mail_is_read_into_a_decidable_value(path: Path) -> None:
    mail = parsed(path)
    assert "mail.unreadable" not in {p.code for p in mail.problems}
    assert mail.size == path.stat().st_size
    assert mail.message_id.startswith(("<", "sha256:"))
    again = parse_message(path.read_bytes(), OWN, "mx.acme.test")
    assert again.message_id == mail.message_id  # a re-read is recognised as the same mail
    if mail.from_address is None:
        assert {p.code for p in mail.problems} & {"from.missing", "from.ambiguous"}
    else:
        assert "@" in mail.from_address
        assert mail.from_address == mail.from_address.lower()
    assert not mail.classification.from_ourselves


def test_the_delivery_status_reports_are_bounces_and_never_answered() -> None:
    reports = {name(p) for p in FILES if name(p).startswith("multipart_report_emails/")}
    assert len(reports) == 5
    assert with_flag("bounce") == reports | {
        "mime_emails/raw_email_with_mimepart_without_content_type.eml",  # from MAILER-DAEMON
    }
    for path in FILES:
        if name(path) in reports:
            assert not parsed(path).classification.answerable
            assert parsed(path).spreadsheets == ()


def test_the_other_flags_land_on_the_expected_mails() -> None:
    assert with_flag("no_reply_sender") == {
        "error_emails/encoding_madness.eml",
        "mime_emails/raw_email_encoded_stack_level_too_deep.eml",
        "plain_emails/raw_email_trailing_dot.eml",
    }
    assert with_flag("mailing_list") == {"error_emails/empty_in_reply_to.eml"}
    # Postfix marks its bounces `Auto-Submitted: auto-replied`
    assert with_flag("out_of_office") == {
        "multipart_report_emails/multi_address_bounce1.eml",
        "multipart_report_emails/multi_address_bounce2.eml",
    }
    assert with_flag("auto_reply") == with_flag("bounce") | {
        "error_emails/bad_date_header.eml",  # Precedence: bulk
    }


def test_unreadable_senders_are_named_problems() -> None:
    assert with_problem("from.ambiguous") == {
        "plain_emails/raw_email_multiple_from.eml",  # From: a@x b@x
        "plain_emails/raw_email_with_at_display_name.eml",  # From: A <a@x>, b@x
    }
    assert with_problem("from.missing") == {
        "error_emails/bad_encoded_subject.eml",
        "plain_emails/raw_email_incorrect_header.eml",
        "rfc2822/example13.eml",  # obsolete `From    :` syntax ends the header block
        "sample_output_multipart",  # an empty file
    }


def test_attachments_are_found_and_named() -> None:
    for path in FILES:
        if name(path).startswith("attachment_emails/"):
            assert parsed(path).attachments, name(path)
    names = {a.filename for p in FILES for a in parsed(p).attachments}
    assert {"This is a test.pdf", "This is a test.txt", "ciële.txt", "てすと.txt"} <= names
    pdf = parsed(CORPUS / "attachment_emails" / "attachment_pdf.eml").attachments[0]
    assert (pdf.filename, pdf.content_type, pdf.spreadsheet_kind) == (
        "broken.pdf",
        "application/pdf",
        None,
    )
    assert pdf.data.startswith(b"%PDF")


def test_illegal_boundaries_are_repaired() -> None:
    for file in (
        "raw_email_with_illegal_boundary.eml",
        "raw_email_with_quoted_illegal_boundary.eml",
    ):
        mail = parsed(CORPUS / "mime_emails" / file)
        assert mail.body.startswith("Hello\nThis is an outlook test")
        assert mail.problems == ()


def test_charsets_are_decoded() -> None:
    japanese = parsed(CORPUS / "multi_charset" / "japanese_iso_2022.eml")
    assert (japanese.subject, japanese.body) == ("まみむめも", "すみません。")
    assert parsed(CORPUS / "multi_charset" / "ks_c_5601-1987.eml").body == "스티해"
    utf8 = parsed(CORPUS / "rfc6532" / "utf8_headers.eml")
    assert (utf8.from_address, utf8.subject) == ("jdöe@mächine.example", "Säying Hello")
    assert with_problem("charset.unknown") == {"plain_emails/raw_email10.eml"}
