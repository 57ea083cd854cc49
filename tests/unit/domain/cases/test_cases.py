"""Cases through the bus on the fakes: priorities as data, the alert moving with them,
notes and changes on each case's log with who made them, and customer find's marks."""

from __future__ import annotations

import re

import pytest

from domain import commands as c
from domain.cases.case import Case, CaseStatus, EntryKind
from domain.cases.priorities import CasePriority, new_priority, priority_name
from domain.errors import Forbidden, ValidationFailed
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.services.views import CaseView, CustomerMatch
from tests.unit.builders import T0, T1
from tests.unit.fakes import FakeClock, FakeStore

REP, BOSS = "U0REP", "U0BOSS"


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def bus(store: FakeStore) -> MessageBus:
    bus = MessageBus(store.uow_factory, FakeClock(), Policy())
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA"))
    bus.handle(c.CreateCustomer(code="ACMEX", name="Acme Export"))
    return bus


def open_case(bus: MessageBus, priority: str, title: str = "Late", code: str = "ACME") -> Case:
    view: CaseView = bus.handle(
        c.OpenCase(customer=code, priority=priority, title=title, actor=REP)
    )
    return view.case


def log(case: Case) -> list[tuple[str, str, str]]:
    return [(e.kind, e.author, e.text) for e in case.notes]


def test_a_new_database_has_the_priorities_orderbot_had_built_in(bus: MessageBus) -> None:
    listed = bus.handle(c.ListCasePriorities()).priorities
    assert [(p.name, p.alert) for p in listed] == [
        ("low", False), ("medium", False), ("high", True), ("critical", True),
    ]  # fmt: skip
    assert open_case(bus, "HIGH").active_alert
    assert not open_case(bus, "medium").active_alert
    with pytest.raises(ValidationFailed) as refused:
        open_case(bus, "urgent")
    assert refused.value.message == (
        "priority: 'urgent' is not a priority; use low, medium, high, critical"
    )


def test_changing_the_priority_adds_or_removes_the_alert(bus: MessageBus) -> None:
    case = open_case(bus, "medium", "Broken pallet")
    raised = bus.handle(c.SetCase(case_id=case.id, priority="critical", actor=REP))
    assert str(raised.note) == f"Case {case.id}: priority medium -> critical (now an active alert)."
    assert raised.case.active_alert
    lowered = bus.handle(c.SetCase(case_id=case.id, priority="low", title="Pallet", actor=BOSS))
    assert str(lowered.note) == (
        f"Case {case.id}: title 'Broken pallet' -> 'Pallet'; "
        "priority critical -> low (the alert is removed)."
    )
    assert not lowered.case.alert
    same = bus.handle(c.SetCase(case_id=case.id, priority="LOW"))
    assert str(same.note) == f"Case {case.id}: nothing changed."
    assert log(bus.handle(c.ShowCase(case_id=case.id)).case) == [
        ("change", REP, "opened with priority medium"),
        ("change", REP, "priority medium -> critical (now an active alert)"),
        ("change", BOSS, "title 'Broken pallet' -> 'Pallet'"),
        ("change", BOSS, "priority critical -> low (the alert is removed)"),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "case: say what to change: priority: or title:"),
        ({"priority": "urgent"}, "priority: 'urgent' is not a priority"),
        ({"title": " "}, "title: a case needs a title"),
        ({"title": "x" * 301}, "title: 301 characters is too long (300 at most)"),
    ],
)
def test_a_refused_change_changes_nothing(
    bus: MessageBus, fields: dict[str, str], message: str
) -> None:
    case = open_case(bus, "high")
    with pytest.raises(ValidationFailed) as refused:
        bus.handle(c.SetCase(case_id=case.id, **fields))
    assert refused.value.message.startswith(message)
    shown = bus.handle(c.ShowCase(case_id=case.id)).case
    assert (shown.priority, shown.title, len(shown.notes)) == ("high", "Late", 1)


def test_notes_are_kept_with_who_wrote_them(bus: MessageBus) -> None:
    case = open_case(bus, "low")
    view = bus.handle(c.AddCaseNote(case_id=case.id, text=" Called the carrier ", actor=REP))
    assert str(view.note) == f"Note added to case {case.id}."
    assert log(view.case)[-1] == ("note", REP, "Called the carrier")
    with pytest.raises(ValidationFailed, match="text: the note is empty"):
        bus.handle(c.AddCaseNote(case_id=case.id, text="  "))
    closed = bus.handle(c.CloseCase(case_id=case.id, actor=BOSS)).case
    assert log(closed)[-1] == ("change", BOSS, "closed")


def test_marking_a_priority_moves_the_alert_of_its_open_cases(
    bus: MessageBus, store: FakeStore
) -> None:
    first, second, other = open_case(bus, "high"), open_case(bus, "high"), open_case(bus, "low")
    closed = open_case(bus, "high")
    bus.handle(c.CloseCase(case_id=closed.id))
    view = bus.handle(c.SetCasePriority(name="High", alert=False, actor=BOSS, manager=True))
    assert str(view.note) == (
        f"Priority high now raises no alert. Its open cases #{first.id}, #{second.id} are no "
        "longer active alerts."
    )
    assert [(p.name, p.alert) for p in view.priorities][2] == ("high", False)
    cases = {cs.id: cs for cs in store.state.cases}
    assert [cases[i].alert for i in (first.id, second.id, other.id)] == [False, False, False]
    assert cases[closed.id].alert  # a closed case keeps what it was
    assert log(cases[first.id])[-1] == (
        "change", BOSS, "priority high no longer raises alerts (the alert is removed)",
    )  # fmt: skip
    view = bus.handle(c.SetCasePriority(name="low", alert=True, manager=True))
    assert (
        str(view.note)
        == f"Priority low now raises alerts. Its open case #{other.id} is now an active alert."
    )
    again = bus.handle(c.SetCasePriority(name="low", alert=True, manager=True))
    assert str(again.note) == "Priority low already raises alerts."
    assert open_case(bus, "low").active_alert


def test_managers_add_priorities_ranked_after_the_others(bus: MessageBus) -> None:
    view = bus.handle(c.NewCasePriority(name="Urgent", alert=True, manager=True))
    assert str(view.note) == "Priority urgent added; it raises an alert."
    assert [p.name for p in view.priorities][-1] == "urgent"
    assert open_case(bus, "urgent").active_alert
    with pytest.raises(ValidationFailed, match="name: there is a priority urgent already"):
        bus.handle(c.NewCasePriority(name="URGENT", manager=True))
    with pytest.raises(Forbidden):
        bus.handle(c.NewCasePriority(name="later", actor=REP))
    with pytest.raises(Forbidden):
        bus.handle(c.SetCasePriority(name="low", alert=True, actor=REP))
    with pytest.raises(ValidationFailed, match="name: 'soon' is not a priority"):
        bus.handle(c.SetCasePriority(name="soon", alert=True, manager=True))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "name: a priority needs a name"),
        ("very urgent", "name: 'very urgent' is not one word"),
        ("p" * 33, "is too long (32 characters at most)"),
    ],
)
def test_priority_names_are_one_short_word(text: str, message: str) -> None:
    with pytest.raises(ValidationFailed, match=re.escape(message)):
        priority_name(text)
    assert priority_name(" P-1 ") == "p-1"
    made = new_priority([CasePriority("low", rank=4)], "p_2", alert=False)
    assert (made.name, made.rank) == ("p_2", 5)


def test_a_closed_case_keeps_its_alert_off_whatever_its_priority(bus: MessageBus) -> None:
    case = open_case(bus, "low")
    bus.handle(c.CloseCase(case_id=case.id))
    view = bus.handle(c.SetCase(case_id=case.id, priority="critical"))
    assert str(view.note) == f"Case {case.id}: priority low -> critical."
    assert view.case.alert
    assert not view.case.active_alert
    assert view.case.status == CaseStatus.CLOSED


def test_the_aggregate_logs_each_change_once() -> None:
    high, low = CasePriority("high", alert=True), CasePriority("low")
    case = Case.open("ACME", low, "Late", T0, "ann")
    changed = case.set_priority(high, "bob", T1)
    assert str(changed) == "priority low -> high (now an active alert)"
    assert case.set_priority(high, "bob", T1) is None
    assert case.retitle("Late", "bob", T1) is None
    assert [(e.kind, e.at) for e in case.notes] == [
        (EntryKind.CHANGE, T0), (EntryKind.CHANGE, T1),
    ]  # fmt: skip


def test_customer_find_marks_customers_with_active_alerts(bus: MessageBus) -> None:
    open_case(bus, "high", "Broken pallet")
    open_case(bus, "critical", "Invoice disputed")
    open_case(bus, "low", "Asked for a catalogue")
    closed = open_case(bus, "high", "Old alert", code="ACMEX")
    bus.handle(c.CloseCase(case_id=closed.id))
    found = bus.handle(c.FindCustomers(text="acme"))
    marks = {m.customer.code: m.alerts for m in found.items if isinstance(m, CustomerMatch)}
    assert marks == {"ACME": ("Broken pallet", "Invoice disputed"), "ACMEX": ()}
    desk = bus.handle(c.ShowCustomer(code="ACME"))
    assert [a.title for a in desk.alerts] == ["Invoice disputed", "Broken pallet"]


def test_a_repeated_delivery_answers_with_the_case_again(bus: MessageBus) -> None:
    case = open_case(bus, "low")
    note = c.AddCaseNote(case_id=case.id, text="called", idempotency_key="slack:U0REP:t1")
    first = bus.handle(note)
    again = bus.handle(note)
    assert isinstance(again, CaseView)
    assert len(again.case.notes) == len(first.case.notes) == 2
    mark = c.SetCasePriority(name="low", alert=True, manager=True, idempotency_key="slack:B:t2")
    assert str(bus.handle(mark).note).startswith("Priority low now raises alerts.")
    replayed = bus.handle(mark)
    assert (replayed.priorities[0].name, replayed.priorities[0].alert) == ("low", True)
    assert str(replayed.note) == ""  # the list as it is, not the first answer again
