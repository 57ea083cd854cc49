"""The SQLAlchemy unit of work: one session, one transaction, per command.

Commit bumps the version of every order the command loaded, so two commands that
changed the same order cannot both win; the loser gets ConcurrencyConflict (and the
bus retries it). Unique-key races (idempotency keys, numbers, subscription periods)
are conflicts too: the retry finds the winner's row and answers from it.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from domain.errors import ConcurrencyConflict
from domain.events import Event, EventRecorder
from store.engine import READONLY
from store.mapping import start_mappers
from store.repositories.cases import CaseRepository
from store.repositories.catalog import CatalogueRepository, ProductRepository, TaxRepository
from store.repositories.core import OrderRepository
from store.repositories.customers import CustomerRepository
from store.repositories.idempotency import IdempotencyStore
from store.repositories.imports import ImportRepository
from store.repositories.inbox import InboundRepository
from store.repositories.jobs import DigestStore, JobRunRepository, SubscriptionBatchStore
from store.repositories.notifications import TrackingTokenRepository
from store.repositories.numbers import NumberSequence
from store.repositories.outbox import OutboxRepository
from store.repositories.records import RecordRepository
from store.repositories.sending import SqlSentDocuments
from store.repositories.stock import StockRepository
from store.repositories.subscriptions import SubscriptionRepository
from store.repositories.threads import ThreadRepository
from store.search.keys import keep_keys

# PostgreSQL: unique violation, serialization failure, deadlock.
_RETRYABLE_SQLSTATES = {"23505", "40001", "40P01"}


def _is_race(error: DBAPIError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate in _RETRYABLE_SQLSTATES:
        return True
    text = str(error.orig)
    return "UNIQUE constraint failed" in text or "database is locked" in text


class SqlUnitOfWork:
    """A transaction with repositories; use as a context manager, then commit."""

    def __init__(self, session_factory: sessionmaker[Session], readonly: bool = False) -> None:
        self.session_factory = session_factory
        self.readonly = readonly

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self.session_factory()
        if self.readonly:
            self.session.connection(execution_options={READONLY: True})
        # Read-only: nothing loaded is written back, so aggregates load lean
        # (store.repositories.reads).
        self.orders = OrderRepository(self.session, lean=self.readonly)
        self.customers = CustomerRepository(self.session, lean=self.readonly)
        self.products = ProductRepository(self.session)
        self.taxes = TaxRepository(self.session)
        self.catalogues = CatalogueRepository(self.session)
        self.cases = CaseRepository(self.session)
        self.subscriptions = SubscriptionRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.inbound = InboundRepository(self.session)
        self.imports = ImportRepository(self.session)
        self.tracking = TrackingTokenRepository(self.session)
        self.job_runs = JobRunRepository(self.session)
        self.subscription_batches = SubscriptionBatchStore(self.session)
        self.digests = DigestStore(self.session)
        self.stock = StockRepository(self.session)
        self.records = RecordRepository(self.session)
        self.sent_documents = SqlSentDocuments(self.session)
        self.numbers = NumberSequence(self.session)
        self.idempotency = IdempotencyStore(self.session)
        self.threads = ThreadRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back what was not committed without expiring loaded objects,
        # so results stay readable after the unit of work ends.
        self.session.close()

    def flush(self) -> None:
        """Write pending changes (ids appear) without committing."""
        self._guard(self.session.flush)

    def commit(self) -> None:
        """Bump touched orders' versions and commit; a lost race is a ConcurrencyConflict."""
        for order in self.orders.seen.values():
            if inspect(order).persistent:
                order.version += 1
        self._guard(lambda: self.orders.lean_writes.write(self.session.connection()))
        self._guard(self.session.commit)

    def rollback(self) -> None:
        """Forget everything not committed."""
        self.session.rollback()

    def collect_events(self) -> list[Event]:
        """Events recorded by every aggregate this unit of work holds."""
        events: list[Event] = []
        for obj in [*self.session.identity_map.values(), *self.session.new]:
            if isinstance(obj, EventRecorder):
                events += obj.pull_events()
        # orders written in bulk or held for lean writes are in no session: the
        # repository keeps them
        return events + self.orders.written_events() + self.orders.lean_writes.events()

    def _guard(self, action: Callable[[], None]) -> None:
        try:
            action()
        except StaleDataError:
            self.session.rollback()
            raise ConcurrencyConflict("The order") from None
        except (IntegrityError, OperationalError) as error:
            self.session.rollback()
            if _is_race(error):
                raise ConcurrencyConflict("The same record") from None
            raise


def uow_factory(engine: Engine) -> Callable[[bool], SqlUnitOfWork]:
    """A callable `factory(readonly) -> SqlUnitOfWork` bound to `engine`."""
    start_mappers()
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    keep_keys(sessions)

    def make(readonly: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, readonly)

    return make
