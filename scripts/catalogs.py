"""The translation catalogs: the messages of the code, extracted, and their French and Danish.

The code marks what a person reads (`_`, `ngettext`, `pgettext` in Python; `{% trans %}`
and `_()` in the Jinja templates; babel.cfg says where); this script keeps the catalogs in
step with it:

    python scripts/catalogs.py --update   # extract, rewrite the .pot, merge into each .po
    python scripts/catalogs.py --check    # exit 1 naming every message missing or wrong

A catalog is complete when the template on disk is what the code holds, every message has
a translation in every language (fuzzy guesses do not count), and each translation has
exactly the placeholders of its source, so no `{name}` is lost or invented.
"""

from __future__ import annotations

import argparse
import io
import string
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    "domain", "bot", "mail", "documents", "scheduler", "runtime", "l10n", "bootstrap", "cli",
    "store",
)  # fmt: skip
SINGLE_FILES = ("main.py", "cli_args.py")
LOCALE_DIR = ROOT / "l10n" / "locale"
TEMPLATE = LOCALE_DIR / "orderbot.pot"
TRANSLATED = ("fr", "da")
COMMENT_TAGS = ("Translators:",)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "orderbot.po"


def extract() -> Catalog:
    """Every marked message of the code, with where it is and the translators' notes."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="orderbot", domain="orderbot", charset="utf-8")
    found = []
    for source in SOURCES:
        for entry in extract_from_dir(
            ROOT / source, method_map, options_map, DEFAULT_KEYWORDS, COMMENT_TAGS
        ):
            found.append((f"{source}/{entry[0]}", *entry[1:]))
    for name in SINGLE_FILES:
        for lineno, message, comments, context in extract_from_file(
            "python", ROOT / name, DEFAULT_KEYWORDS, COMMENT_TAGS
        ):
            found.append((name, lineno, message, comments, context))
    for filename, lineno, message, comments, context in sorted(found, key=_where):
        catalog.add(
            message, locations=[(filename, lineno)], auto_comments=comments, context=context
        )
    return catalog


def _where(entry: tuple[str, int, object, list[str], str | None]) -> tuple[str, int]:
    return entry[0], entry[1]


def _written(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=88, omit_header=True, sort_output=True, include_lineno=False)
    return out.getvalue().decode("utf-8")


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=language, domain="orderbot")


def update() -> None:
    """Rewrite the template from the code and merge it into each language's catalog."""
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_text(_written(template), encoding="utf-8")
    for language in TRANSLATED:
        path = po_path(language)
        if path.exists():
            catalog = _read(path, language)
        else:
            catalog = Catalog(
                locale=language,
                domain="orderbot",
                project="orderbot",
                version="",
                copyright_holder="the orderbot project",
                msgid_bugs_address="",
                header_comment=f"# orderbot's messages in {language}.",
                charset="utf-8",
            )
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        out = io.BytesIO()
        write_po(out, catalog, width=88, sort_output=True, include_lineno=False)
        path.write_bytes(out.getvalue())


def problems() -> list[str]:
    """What keeps the catalogs from being complete, one sentence per problem."""
    template = extract()
    found: list[str] = []
    if not TEMPLATE.exists() or TEMPLATE.read_text(encoding="utf-8") != _written(template):
        found.append(f"{TEMPLATE.relative_to(ROOT)} is not what the code holds (run --update)")
    for language in TRANSLATED:
        path = po_path(language)
        if not path.exists():
            found.append(f"{path.relative_to(ROOT)} is missing (run --update)")
            continue
        found.extend(_language_problems(language, _read(path, language), template))
    return found


def _language_problems(language: str, catalog: Catalog, template: Catalog) -> Iterable[str]:
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, source.context)
        name = _name(source)
        if message is None or not _translated(message):
            yield f"{language}: no translation of {name}"
        elif message.fuzzy:
            yield f"{language}: the translation of {name} is marked fuzzy"
        else:
            yield from _placeholder_problems(language, name, source, message)


def _name(message: Message) -> str:
    text = message.id[0] if isinstance(message.id, tuple) else message.id
    return repr(text)


def _translated(message: Message) -> bool:
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(forms) and all(forms)


def placeholders(text: str) -> set[str]:
    """The `{names}` a sentence fills."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}
    except ValueError:
        return {"<unbalanced braces>"}


def _placeholder_problems(
    language: str, name: str, source: Message, message: Message
) -> Iterable[str]:
    ids = source.id if isinstance(source.id, tuple) else (source.id,)
    wanted = set().union(*(placeholders(text) for text in ids))
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    for form in forms:
        have = placeholders(form)
        # A plural's singular form may say "one" instead of `{n}`.
        missing = wanted - have - ({"n"} if isinstance(source.id, tuple) else set())
        extra = have - wanted
        if missing or extra:
            yield (
                f"{language}: the translation of {name} has placeholders {sorted(have)}, "
                f"the source {sorted(wanted)}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--update", action="store_true", help="extract and merge")
    group.add_argument("--check", action="store_true", help="exit 1 when incomplete")
    args = parser.parse_args(argv)
    if args.update:
        update()
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
