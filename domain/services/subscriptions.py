"""Services of the subscription commands: create, list, pause, resume, end."""

from __future__ import annotations

from domain import commands as c
from domain.errors import Forbidden
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import Listing, SubscriptionView
from domain.subscriptions.subscription import Subscription
from domain.texts import _


def _require_enabled(ctx: ServiceContext) -> None:
    if not ctx.policy.subscriptions_enabled:
        raise Forbidden(
            "subscription.disabled",
            _("Subscriptions are switched off (SUBSCRIPTIONS_ENABLED=false)."),
        )


def create_subscription(
    cmd: c.CreateSubscription, uow: UnitOfWork, ctx: ServiceContext
) -> SubscriptionView:
    """A new subscription; each product must allow the frequency."""
    _require_enabled(ctx)
    customer = uow.customers.get(cmd.customer)
    products = [uow.products.get(code) for code, _ in cmd.lines]
    allowed = {p.code: p.allowed_frequencies() for p in products}
    lines = [(p.code, qty) for p, (_, qty) in zip(products, cmd.lines, strict=True)]
    sub = Subscription.create(
        customer_code=customer.code,
        lines=lines,
        frequency=cmd.frequency,
        start_date=cmd.start_date,
        allowed_frequencies=allowed,
        end_date=cmd.end_date,
        catch_up=cmd.catch_up,
    )
    uow.subscriptions.add(sub)
    uow.flush()
    return SubscriptionView(
        sub, _("Subscription {id} created for {customer}.", id=sub.id, customer=customer.code)
    )


def list_subscriptions(cmd: c.ListSubscriptions, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Subscriptions, optionally of one customer."""
    if cmd.customer:
        uow.customers.get(cmd.customer)
    return Listing("subscriptions", tuple(uow.subscriptions.list(cmd.customer)), _("Subscriptions"))


def pause_subscription(
    cmd: c.PauseSubscription, uow: UnitOfWork, ctx: ServiceContext
) -> SubscriptionView:
    """Stop ordering until resumed."""
    sub = uow.subscriptions.get(cmd.subscription_id)
    sub.pause(ctx.now.date())
    return SubscriptionView(sub, _("Subscription {id} paused.", id=sub.id))


def resume_subscription(
    cmd: c.ResumeSubscription, uow: UnitOfWork, ctx: ServiceContext
) -> SubscriptionView:
    """Order again from the next period; periods missed while paused are recorded as skipped."""
    _require_enabled(ctx)
    sub = uow.subscriptions.get(cmd.subscription_id)
    sub.resume(ctx.now.date())
    return SubscriptionView(sub, _("Subscription {id} resumed.", id=sub.id))


def end_subscription(
    cmd: c.EndSubscription, uow: UnitOfWork, ctx: ServiceContext
) -> SubscriptionView:
    """End a subscription for good."""
    sub = uow.subscriptions.get(cmd.subscription_id)
    sub.end(ctx.now.date())
    return SubscriptionView(sub, _("Subscription {id} ended.", id=sub.id))
