"""Deliveries from outside handled once (a Slack event id)."""

from __future__ import annotations

from domain.commands.base import Command


class ClaimDelivery(Command):
    """Mark a delivery (a Slack event id) as handled; the result says if it was new."""

    key: str
