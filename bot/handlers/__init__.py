"""Slack handler modules, one per concern, each with `register(app, deps)`.

`register_all` answers every family of the shared grammar as a slash command, so a
family added to the grammar (`/jobs`, `/catalog`...) is answered without code here.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.app import SlackDeps


def register_all(app: AsyncApp, deps: SlackDeps) -> None:
    """Register every slash command, button, modal and event handler."""
    from bot.handlers import (
        buttons,
        common,
        customers,
        documents,
        imports,
        messages,
        orders,
        threads,
    )  # fmt: skip

    special = {
        "order": documents.with_pdf(orders.order_line),
        "invoice": documents.with_pdf(common.default_line),
        "customer": customers.customer_line,
    }
    for family in deps.grammar.families:
        common.register_family(app, deps, family, special.get(family, common.default_line))
    deps.line_handlers[imports.FAMILY] = imports.import_line  # review buttons only
    orders.register(app, deps)
    customers.register(app, deps)
    buttons.register(app, deps)
    messages.register(app, deps)
    threads.register(app, deps)
