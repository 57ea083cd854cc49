"""The subscriptions' repository: subscriptions and their lines."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.errors import NotFound
from domain.subscriptions.subscription import Subscription
from store.tables import subscriptions as subs


class SubscriptionRepository:
    """Subscriptions and their lines."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, subscription_id: int) -> Subscription:
        """The subscription with this number; NotFound otherwise."""
        subscription = self.session.get(Subscription, subscription_id)
        if subscription is None:
            raise NotFound("subscription", subscription_id)
        return subscription

    def add(self, subscription: Subscription) -> None:
        """A new subscription."""
        self.session.add(subscription)

    def list(self, customer: str | None = None) -> Sequence[Subscription]:
        """Subscriptions, by number."""
        query = select(Subscription).order_by(subs.subscriptions.c.id)
        if customer:
            query = query.where(func.lower(subs.subscriptions.c.customer_code) == customer.lower())
        return self.session.scalars(query).all()

    def with_product(self, code: str) -> Sequence[Subscription]:
        """Subscriptions with a line of this product, by number."""
        ln = subs.subscription_lines.c
        having = select(ln.subscription_id).where(func.lower(ln.product_code) == code.lower())
        query = (
            select(Subscription)
            .where(subs.subscriptions.c.id.in_(having))
            .order_by(subs.subscriptions.c.id)
        )
        return self.session.scalars(query).all()
