"""Every sentence a person reads, in their language: the gettext catalogs and who speaks what.

The catalogs are the `.po` files under `l10n/locale/<lang>/LC_MESSAGES/orderbot.po`
(English is the source language and has none); they are read once per process and
compiled in memory, so no compiled `.mo` file can fall out of step with its `.po`.
`scripts/catalogs.py` extracts the messages (babel.cfg) and keeps the files complete.

A door sets the language of the person it answers with `speaking(lang)` for the time of
one request (a Slack user's locale, a customer's language, the language of an imported
file's headers); `gettext`/`ngettext` then answer in it. Sentences from the domain come as
`domain.texts.Text` values and are rendered with `render`; this module knows them only by
their shape (`Sentence`), as l10n imports nothing of orderbot.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Protocol

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from l10n import formats

LANGUAGES = ("en", "fr", "da")
SOURCE_LANGUAGE = "en"
DOMAIN = "orderbot"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_default = [SOURCE_LANGUAGE]
_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)


class Sentence(Protocol):
    """What `domain.texts.Text` looks like from here."""

    @property
    def msgid(self) -> str: ...
    @property
    def params(self) -> Mapping[str, Any]: ...
    @property
    def plural(self) -> str | None: ...
    @property
    def n(self) -> int | None: ...


def language_of(tag: str | None, default: str | None = None) -> str:
    """The language orderbot speaks for a locale tag (`fr-FR`, `da_DK`, `en`, `Danish`
    is not a tag): the tag's language when orderbot speaks it, else `default` (the
    process default when not given)."""
    head = (tag or "").replace("_", "-").split("-", 1)[0].strip().lower()
    if head in LANGUAGES:
        return head
    return default if default is not None else _default[0]


def set_default_language(tag: str | None) -> None:
    """The language of anyone orderbot knows nothing about (the `LANGUAGE` setting)."""
    _default[0] = language_of(tag, SOURCE_LANGUAGE)


def current_language() -> str:
    """The language of the person being answered now."""
    return _speaking.get() or _default[0]


@contextmanager
def speaking(tag: str | None) -> Iterator[str]:
    """Answer in `tag`'s language inside the block (the default when it is not spoken)."""
    language = language_of(tag)
    token = _speaking.set(language)
    try:
        yield language
    finally:
        _speaking.reset(token)


@cache
def catalog(language: str) -> NullTranslations:
    """The compiled catalog of `language`; the source language translates to itself."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not path.exists():
        return NullTranslations()
    with path.open("rb") as po:
        messages = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, messages)  # fuzzy entries are left out: they are not yet right
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(msgid: str, /, **params: Any) -> str:
    """`msgid` in the current language, its placeholders filled (with values given, a
    brace is written `{{`)."""
    lang = current_language()
    return _filled(catalog(lang).gettext(msgid), params, lang)


def ngettext(singular: str, plural: str, n: int, /, **params: Any) -> str:
    """The form of the sentence for the count `n` (which also fills `{n}`)."""
    lang = current_language()
    return _filled(catalog(lang).ngettext(singular, plural, n), {"n": n, **params}, lang)


def pgettext(context: str, msgid: str, /, **params: Any) -> str:
    """`msgid` where the same English word needs different translations (`context`)."""
    lang = current_language()
    return _filled(catalog(lang).pgettext(context, msgid), params, lang)


def N_(msgid: str, /) -> str:
    """Marks a sentence written before anyone is being answered (a command's help kept
    in a table) for the catalogs; whoever shows it translates it then with `gettext`."""
    return msgid


def render(sentence: Sentence | str, language: str | None = None) -> str:
    """A domain sentence in the current (or the given) language; plain strings are
    sentences not yet in the catalogs and come back as they are."""
    if isinstance(sentence, str):
        return sentence
    with speaking(language or current_language()):
        context = getattr(sentence, "context", None)  # a sentence kept before contexts has none
        if context is not None:
            return pgettext(context, sentence.msgid, **sentence.params)
        if sentence.plural is not None and sentence.n is not None:
            return ngettext(sentence.msgid, sentence.plural, sentence.n, **sentence.params)
        return gettext(sentence.msgid, **sentence.params)


def _filled(template: str, params: Mapping[str, Any], language: str) -> str:
    if not params:  # a sentence without values keeps its braces as they are
        return template
    values = {key: _value(value, language) for key, value in params.items()}
    for key, value in values.items():
        # A value ending on an abbreviation's full stop (Danish `kr.`, `Acme Inc.`) ends
        # the sentence there too: one full stop, never two.
        if isinstance(value, str) and value.endswith("."):
            template = template.replace(f"{{{key}}}.", f"{{{key}}}")
    return template.format_map(values)


def _value(value: Any, language: str) -> Any:
    # A sentence inside a sentence (a field's problem inside "{field}: {problem}") is
    # said in the same language.
    if hasattr(value, "msgid") and hasattr(value, "params"):
        return render(value, language)
    # An amount, a quantity or a day kept in a sentence (`domain.text_values`, known here
    # by the way it asks to be written) is written the reader's way.
    way = getattr(value, "format_as", None)
    if way == "money":
        return formats.money(value.amount, value.currency, language)
    if way == "price":  # a unit price keeps every decimal it carries
        return formats.money(value.amount, value.currency, language, exact=True)
    if way == "percent":
        return formats.percent(value.value, language)
    if way == "sentences":  # the changes of one edit, joined the reader's way
        return formats.listing([render(item, language) for item in value.items], language)
    if way == "number":
        return formats.number(value.value, language)
    if way == "size":
        return formats.file_size(value.bytes, language)
    if way == "date":  # as the team's views write days (a customer's views word their own)
        return formats.date(value.day, language, formats.ISO_DATE)
    return value
