"""The subscription job: every due period becomes a sales order, exactly once.

Batches of a few thousand subscriptions, one transaction each: read the subscriptions
afresh, plan each (catch-up policy, pause, end date), make their orders with the order
factory every door uses (`domain.subscriptions.orders`; codes reserved in bulk), and
write the orders in bulk (`orders.add_new`) with the subscription states and the run's
progress. The orders' unique key
(subscription, iteration) and the iteration check on the subscription rows make a
period that another run settled meanwhile a ConcurrencyConflict: the batch is rolled
back and retried one subscription at a time, each one re-planned from what is stored,
so nothing is made twice and nothing is lost. A run killed half-way leaves whole
batches committed; the next run simply finds the rest still due.

A subscription whose products no longer allow it (a product made inactive, or no longer
allowing its frequency: `domain.subscriptions.checks`) has its due periods skipped, each
noted in the job log with the reason. With subscriptions switched off, the run is
logged as skipped, saying how many periods are due. Notes and errors are sentences
(`domain.jobs.notes`), read in each reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from domain.catalog.products import Product
from domain.errors import ConcurrencyConflict, DomainError
from domain.numbering import DocumentKind
from domain.orders.factory import OrderFactory
from domain.services.job_runner import JobContext, JobSkipped
from domain.services.order_sources import BatchSources
from domain.services.stock_follow import reserve_new
from domain.subscriptions.checks import subscription_problem
from domain.subscriptions.orders import (
    DueSubscription,
    Settlement,
    describe_error,
    settle,
    settle_blocked,
)
from domain.text_values import Count, Sentences
from domain.texts import _

DEFAULT_BATCH = 2000


@dataclass(frozen=True)
class Catalogue:
    """Products and tax rates by lower-cased code, read once per run."""

    products: Mapping[str, Product]
    rates: Mapping[str, Decimal]


@dataclass
class BatchOutcome:
    """What one committed batch did."""

    processed: int = 0
    orders: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class SubscriptionJob:
    """The work of the `subscriptions` job; `after_batch(orders_so_far)` follows each commit."""

    confirm_orders: bool = False
    batch_size: int = DEFAULT_BATCH
    after_batch: Callable[[int], None] | None = None

    def __call__(self, ctx: JobContext) -> None:
        """Settle every due subscription period of `ctx.today`."""
        if not ctx.policy.subscriptions_enabled:
            raise JobSkipped(
                _("subscriptions are switched off ({due} due)", due=Count(self._periods_due(ctx)))
            )
        with ctx.units(True) as uow:
            ids = uow.subscription_batches.candidate_ids(ctx.today)
            catalogue = Catalogue(
                {p.code.lower(): p for p in uow.products.list()},
                {t.code.lower(): t.rate for t in uow.taxes.list()},
            )
        made = 0
        for start in range(0, len(ids), self.batch_size):
            chunk = ids[start : start + self.batch_size]
            try:
                made += self._batch(ctx, chunk, catalogue).orders
            except ConcurrencyConflict:
                # Another run settled some of these meanwhile: one by one, from the stored state.
                for one in chunk:
                    made += self._single(ctx, one, catalogue)
            if self.after_batch is not None:
                self.after_batch(made)

    def _periods_due(self, ctx: JobContext) -> int:
        """How many periods are due today, all subscriptions together."""
        due = 0
        with ctx.units(True) as uow:
            ids = uow.subscription_batches.candidate_ids(ctx.today)
            for start in range(0, len(ids), self.batch_size):
                for sub in uow.subscription_batches.load(ids[start : start + self.batch_size]):
                    due += len(sub.schedule().due_iterations(ctx.today))
        return due

    def _single(self, ctx: JobContext, sub_id: int, catalogue: Catalogue) -> int:
        try:
            return self._batch(ctx, [sub_id], catalogue).orders
        except ConcurrencyConflict:
            return 0  # settled by the other run: exactly what the unique key is for

    def _batch(self, ctx: JobContext, ids: Sequence[int], catalogue: Catalogue) -> BatchOutcome:
        outcome = BatchOutcome()
        with ctx.units(False) as uow, uow.subscription_batches.in_bulk():
            store = uow.subscription_batches
            plans = {s.id: (s, s.schedule().plan(ctx.today)) for s in store.load(ids)}
            due = [s for s, plan in plans.values() if not plan.is_empty()]
            if not due:
                return outcome
            wanted = sum(len(plans[s.id][1].to_order) for s in due)
            sources = BatchSources(
                uow,
                catalogue.products,
                catalogue.rates,
                wanted,
                style=ctx.policy.numbering[DocumentKind.ORDER],
            )
            factory = OrderFactory(ctx.now, sources, ctx.policy.money)
            customers = store.customers({s.customer_code for s in due})
            previous = store.last_order_codes([s.id for s in due])
            settlements: list[Settlement] = []
            for sub in due:
                problem = _problem(sub, catalogue)
                try:
                    if problem is not None:
                        settled, notes = settle_blocked(sub, ctx.today, problem, plans[sub.id][1])
                        outcome.notes += notes
                    else:
                        settled = settle(
                            sub,
                            ctx.today,
                            customer=customers.get(sub.customer_code.lower()),
                            factory=factory,
                            confirm=self.confirm_orders,
                            previous_code=previous.get(sub.id),
                            plan=plans[sub.id][1],
                        )
                except DomainError as error:
                    outcome.errors.append(describe_error(sub.id, error))
                    continue
                settlements.append(settled)
                outcome.processed += 1
                outcome.orders += len(settled.orders)
            sources.give_back()  # refused subscriptions took no code: the tail goes back
            made = [o for s in settlements for o in s.orders]
            reserve_new(made, uow.stock, ctx.policy.stock, ctx.now)  # as a confirmation does
            uow.orders.add_new(made)
            store.write(settlements)
            ctx.dispatch(uow, uow.collect_events())
            ctx.progress(uow, outcome.processed, outcome.orders, outcome.errors, outcome.notes)
            uow.commit()
        return outcome


def _problem(sub: DueSubscription, catalogue: Catalogue) -> Sentences | None:
    """Why the subscription's products stop it now, when they do."""
    return subscription_problem(sub.frequency, (code for code, _ in sub.lines), catalogue.products)
