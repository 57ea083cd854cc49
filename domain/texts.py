"""Sentences the domain hands to people, kept translatable: a message id and its values.

The domain speaks no language of its own and imports no translation machinery; a refusal
or a summary carries a `Text` (the English sentence with named `{placeholders}`, the
message id of the gettext catalogs, and the values to put in it), and each door renders it
in its reader's language (`l10n.translation.render`). `str(text)` gives the English
sentence, so logs and tests read as before.

`_`, `ngettext` and `pgettext` are the markers `pybabel extract` looks for (babel.cfg):
write the sentence whole, with its placeholders named, never glued from fragments, so a
translator sees what the reader will see. `pgettext` gives a word its own context where
one English word needs different translations (an order "closed" is "clôturée" in
French, a case "clôturé").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Text:
    """One sentence to translate: `msgid` in English, with its `params`; a plural sentence
    also has its `plural` form and the count `n` that chooses between them (and fills
    `{n}`); a word said in one `context` (`order status`) is translated as that context
    says."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None
    context: str | None = None

    def __str__(self) -> str:
        if not self.params and self.n is None:  # no values: braces are the text's own
            return self.msgid
        template = self.plural if self.plural is not None and self.n != 1 else self.msgid
        return template.format(**self.values())

    def values(self) -> dict[str, Any]:
        """The values to fill the placeholders with, the count among them as `n`."""
        return self.params if self.n is None else {"n": self.n, **self.params}


def _(msgid: str, /, **params: Any) -> Text:
    """A sentence to translate, with its values."""
    return Text(msgid, params)


def ngettext(singular: str, plural: str, n: int, /, **params: Any) -> Text:
    """A sentence whose form depends on the count `n` (which also fills `{n}`)."""
    return Text(singular, params, plural, n)


def pgettext(context: str, msgid: str, /, **params: Any) -> Text:
    """A sentence (or a word) translated as `context` says, where the same English has
    several translations."""
    return Text(msgid, params, context=context)
