"""Everything sent to a customer follows the customer's language: the status mail, the
catalogue mail and the tracking page, in English, French and Danish; a customer whose
language nobody chose gets the default language (the `LANGUAGE` setting)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import jinja2
import pytest

from domain import commands as c
from domain.orders.summary import order_summary
from l10n.translation import set_default_language
from mail.outbound.render import Renderer
from mail.tracking import TEMPLATES, present
from tests.unit.mail.test_answers import parts
from tests.unit.mail.test_order_money_mail import made

WORDS = {
    # language: status mail subject, its total, catalogue subject, page's total, page's history
    "en": ("Your order SO-00001", "Total: DKK104.31", "Our product catalogue", "Total",
           "History"),
    "fr": ("Votre commande SO-00001", "Total TTC : 104,31\u00a0DKK",
           "Notre catalogue de produits", "Total TTC", "Historique"),
    "da": ("Din ordre SO-00001", "I alt inkl. moms: 104,31\u00a0kr.", "Vores varekatalog",
           "I alt inkl. moms",
           "Historik"),
}  # fmt: skip


TRACKING_TEMPLATE = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
).get_template("tracking.html.j2")


@pytest.fixture(autouse=True)
def default_english() -> Iterator[None]:
    set_default_language("en")
    yield
    set_default_language("en")


def _sent(language: str | None) -> tuple[str, str, str, dict[str, object]]:
    """The status mail's subject and text, the catalogue mail's subject, and the tracking
    page's data, for a customer of `language`."""
    store, bus = made(language)  # type: ignore[arg-type]
    bus.handle(c.NotifyOrder(code="SO-00001"))
    bus.handle(c.SendCatalog(customer="ACME"))
    renderer = Renderer("orderbot <bot@shop.test>", currency="DKK")
    status, catalog = (
        next(m for m in store.state.outbox if m.kind == kind)
        for kind in ("order_status", "catalog")
    )
    status.id, catalog.id = 1, 2
    mail = renderer.render(status)
    text, _ = parts(mail)
    customer = store.state.customers["acme"]
    page = present(order_summary(store.state.orders["so-00001"], customer), 5)
    return str(mail["Subject"]), text, str(renderer.render(catalog)["Subject"]), page


@pytest.mark.parametrize("language", ["en", "fr", "da"])
def test_status_mail_catalogue_mail_and_tracking_page_speak_the_customers_language(
    language: str,
) -> None:
    subject, text, catalog_subject, page = _sent(language)
    status_subject, total, catalogue, page_total, history = WORDS[language]
    assert subject == status_subject
    assert total in text
    assert catalog_subject == catalogue
    assert [r["label"] for r in page["total_rows_text"]][-1] == page_total  # type: ignore[index]
    assert page["words"]["timeline"] == history  # type: ignore[index]


@pytest.mark.parametrize("default", ["fr", "da"])
def test_a_customer_with_no_language_gets_the_default_language(default: str) -> None:
    set_default_language(default)
    subject, _, catalog_subject, page = _sent(None)
    assert (subject, catalog_subject) == (WORDS[default][0], WORDS[default][2])
    assert page["words"]["timeline"] == WORDS[default][4]  # type: ignore[index]


def test_amounts_are_those_of_the_order_in_every_language() -> None:
    totals = {language: _sent(language)[3]["totals"] for language in WORDS}
    assert totals["en"] == totals["fr"] == totals["da"]


def test_the_french_status_mail_puts_a_space_before_every_colon() -> None:
    _, text, _, _ = _sent("fr")
    # A word glued to its colon (times and URLs have a digit or no space after theirs).
    assert re.findall(r"[^\s\d]:(?=\s|$)", text, re.MULTILINE) == [], text
    assert "Statut : " in text, text


@pytest.mark.parametrize(
    ("language", "status"), [("en", "Status: "), ("fr", "Statut : "), ("da", "Status: ")]
)
def test_the_tracking_page_writes_its_labels_as_the_language_does(
    language: str, status: str
) -> None:
    page = _sent(language)[3]
    assert page["labels"]["status"] == status  # type: ignore[index]
    html = TRACKING_TEMPLATE.render(d=page, script="", nonce="n")
    assert f'<p>{status}<span id="status"' in html
