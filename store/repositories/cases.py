"""Customer service cases with their logs, and the case priorities."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.cases.case import Case, CaseStatus
from domain.cases.priorities import CasePriority
from domain.errors import NotFound
from store.tables import core as t
from store.tables.desk import case_priorities


class CaseRepository:
    """Cases (their notes and changes load with them) and the priorities they may have."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, case_id: int) -> Case:
        """The case with this number; NotFound otherwise."""
        case = self.session.get(Case, case_id)
        if case is None:
            raise NotFound("case", case_id)
        return case

    def add(self, case: Case) -> None:
        """A new case."""
        self.session.add(case)

    def list(self, customer: str | None = None, open_only: bool = False) -> Sequence[Case]:
        """Cases, newest first."""
        query = select(Case).order_by(t.cases.c.id.desc())
        if customer:
            query = query.where(func.lower(t.cases.c.customer_code) == customer.lower())
        if open_only:
            query = query.where(t.cases.c.status == CaseStatus.OPEN)
        return self.session.scalars(query).all()

    def alerts_of(self, customers: Iterable[str]) -> Sequence[Case]:
        """The active alerts (open cases marked as alerts) of these customers, oldest first."""
        codes = sorted({code.lower() for code in customers})
        if not codes:
            return []
        query = (
            select(Case)
            .where(
                func.lower(t.cases.c.customer_code).in_(codes),
                t.cases.c.status == CaseStatus.OPEN,
                t.cases.c.alert.is_(True),
            )
            .order_by(t.cases.c.id)
        )
        return self.session.scalars(query).all()

    def open_with_priority(self, name: str) -> Sequence[Case]:
        """The open cases that have this priority, by number."""
        query = select(Case).where(
            func.lower(t.cases.c.priority) == name.lower(), t.cases.c.status == CaseStatus.OPEN
        )
        return self.session.scalars(query.order_by(t.cases.c.id)).all()

    def priorities(self) -> Sequence[CasePriority]:
        """Every priority, by rank (most urgent last)."""
        query = select(CasePriority).order_by(case_priorities.c.rank, case_priorities.c.id)
        return self.session.scalars(query).all()

    def add_priority(self, priority: CasePriority) -> None:
        """A new priority."""
        self.session.add(priority)
