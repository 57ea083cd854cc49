"""What the grammar answers to words it does not know, with one "did you mean" each.

A family (`/ordr`), a verb (`order shwo`), an option (`tax:VAT55`, `dicsount:10%`) or a
flag (`--confrim`) that the form does not have is named as unknown, the closest known
one suggested by the rule of `domain.suggestions` (the one every door uses), and the
known ones listed. A word shaped like an option (`word:value`) is never read as a
product or a customer: a form whose words are prose (a note, a title, a search) takes
it as text, and quotes make any word a plain word (`"A:1"`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.language.words import Args, Quoted, UsageError
from domain.suggestions import closest
from l10n.translation import gettext

OPTION_LIKE = re.compile(r"(?P<key>[A-Za-z][A-Za-z-]*):(?P<value>.*)", re.DOTALL)


def no_family(family: str, families: Collection[str]) -> UsageError:
    """The answer to a family that does not exist."""
    known = ", ".join(f"/{f}" for f in families)
    guess = closest(family, families, beginnings=True)
    if guess is not None:
        return UsageError(
            gettext(
                "there is no command /{family}; did you mean /{guess}? The commands are {known}",
                family=family,
                guess=guess,
                known=known,
            )
        )
    return UsageError(
        gettext(
            "there is no command /{family}; the commands are {known}", family=family, known=known
        )
    )


def no_verb(family: str, verb: str, verbs: Collection[str], form: str) -> UsageError:
    """The answer to a verb the family does not have; `form` is the family's help."""
    listed = ", ".join(verbs)
    guess = closest(verb, verbs, beginnings=True)
    if guess is not None:
        return UsageError(
            gettext(
                "/{family} has no {verb}; did you mean {guess}? It has: {listed}",
                family=family,
                verb=repr(verb),
                guess=guess,
                listed=listed,
            ),
            form,
        )
    said = gettext(
        "/{family} has no {verb}; it has: {listed}", family=family, verb=repr(verb), listed=listed
    )
    return UsageError(said, form)


def check_words(args: Args, line: str, options: Collection[str], flags: Collection[str]) -> None:
    """UsageError for the first word of `args` that is an option or flag `line` (a form
    as help shows it, e.g. `/order new ...`) does not have."""
    command = " ".join(line.split()[:2])
    for word in args.words:
        if isinstance(word, Quoted):
            continue
        if (m := OPTION_LIKE.fullmatch(word)) is not None:
            message = _unknown_option(word, m["key"].lower(), command, options)
            raise UsageError(message, line)
        if word.startswith("--") and len(word) > 2:
            raise UsageError(_unknown_flag(word, command, flags), line)


def _unknown_option(word: str, key: str, command: str, options: Collection[str]) -> str:
    if not options:
        return gettext(
            "{word} is not an option of {command}, which takes none", word=word, command=command
        )
    listed = ", ".join(f"{o}:" for o in sorted(options))
    guess = closest(key, options, beginnings=True)
    if guess is not None:
        return gettext(
            "{word} is not an option of {command}; did you mean {guess}:? Its options are {listed}",
            word=word,
            command=command,
            guess=guess,
            listed=listed,
        )
    return gettext(
        "{word} is not an option of {command}; its options are {listed}",
        word=word,
        command=command,
        listed=listed,
    )


def _unknown_flag(word: str, command: str, flags: Collection[str]) -> str:
    listed = ", ".join(f"--{f}" for f in sorted(flags))
    guess = closest(word.lstrip("-"), flags, beginnings=True)
    if guess is not None:
        return gettext(
            "{word} is not a flag of {command}; did you mean --{guess}? Its flags are {listed}",
            word=word,
            command=command,
            guess=guess,
            listed=listed,
        )
    return gettext(
        "{word} is not a flag of {command}; its flags are {listed}",
        word=word,
        command=command,
        listed=listed,
    )
