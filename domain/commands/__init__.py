"""Commands and queries: what a door asks of orderbot, as frozen pydantic models.

Every door (Slack, console, email, spreadsheet import, scheduler) builds one of these
and hands it to the message bus. `manager` is set by the door for people allowed to
run manager-only commands; `idempotency_key` makes a repeated delivery a no-op.

One module per family (orders, customers, catalog, cases, subscriptions, notifications,
inbox, deliveries, imports, jobs) on the bases in `base`; the package names them all,
so the doors and services write `from domain import commands as c` and `c.CreateOrder`.
"""

from __future__ import annotations

from domain.commands.base import (
    Command,
    Query,
)
from domain.commands.cases import (
    AddCaseNote,
    CloseCase,
    ListCasePriorities,
    ListCases,
    NewCasePriority,
    OpenCase,
    SetCase,
    SetCasePriority,
    ShowCase,
)
from domain.commands.catalog import (
    CreateProduct,
    CreateTax,
    ListProducts,
    ListTaxes,
    ShowProduct,
)
from domain.commands.customers import (
    AddAddress,
    AddContact,
    AddCustomerNote,
    CreateCustomer,
    FindCustomers,
    RemoveAddress,
    RemoveContact,
    SetAddress,
    SetContact,
    SetCustomer,
    SetDefaultAddress,
    ShowCustomer,
)
from domain.commands.deliveries import (
    ClaimDelivery,
)
from domain.commands.imports import (
    CheckImport,
    ConfirmImport,
    ShowImport,
    SkipImportRows,
    WriteAnnotatedCopy,
    WriteImportTemplate,
)
from domain.commands.inbox import (
    IntakeMails,
    QuarantineMail,
)
from domain.commands.jobs import (
    ListJobRuns,
    RunJob,
)
from domain.commands.notifications import (
    ListDeadMessages,
    RevokeTracking,
    SendCatalog,
    ViewAsCustomer,
)
from domain.commands.order_edits import (
    ChangeLine,
    CombineShipments,
    MoveQuantity,
    PlanShipment,
)
from domain.commands.orders import (
    AddLine,
    CancelOrder,
    CloseOrder,
    ConfirmOrder,
    CreateOrder,
    CreateReturn,
    CreateWorkOrders,
    DeliverOrder,
    ExportOrders,
    InvoiceOrder,
    LineInput,
    ListOrders,
    MarkShipmentReady,
    MergeOrders,
    NotifyOrder,
    OrderFields,
    OrderListing,
    RemoveLine,
    SetOrderTerms,
    ShipOrder,
    ShowOrder,
    SplitShipment,
)
from domain.commands.subscriptions import (
    CreateSubscription,
    EndSubscription,
    ListSubscriptions,
    PauseSubscription,
    ResumeSubscription,
)

__all__ = [
    "AddAddress",
    "AddCaseNote",
    "AddContact",
    "AddCustomerNote",
    "AddLine",
    "CancelOrder",
    "ChangeLine",
    "CheckImport",
    "ClaimDelivery",
    "CloseCase",
    "CloseOrder",
    "CombineShipments",
    "Command",
    "ConfirmImport",
    "ConfirmOrder",
    "CreateCustomer",
    "CreateOrder",
    "CreateProduct",
    "CreateReturn",
    "CreateSubscription",
    "CreateTax",
    "CreateWorkOrders",
    "DeliverOrder",
    "EndSubscription",
    "ExportOrders",
    "FindCustomers",
    "IntakeMails",
    "InvoiceOrder",
    "LineInput",
    "ListCasePriorities",
    "ListCases",
    "ListDeadMessages",
    "ListJobRuns",
    "ListOrders",
    "ListProducts",
    "ListSubscriptions",
    "ListTaxes",
    "MarkShipmentReady",
    "MergeOrders",
    "MoveQuantity",
    "NewCasePriority",
    "NotifyOrder",
    "OpenCase",
    "OrderFields",
    "OrderListing",
    "PauseSubscription",
    "PlanShipment",
    "QuarantineMail",
    "Query",
    "RemoveAddress",
    "RemoveContact",
    "RemoveLine",
    "ResumeSubscription",
    "RevokeTracking",
    "RunJob",
    "SendCatalog",
    "SetAddress",
    "SetCase",
    "SetCasePriority",
    "SetContact",
    "SetCustomer",
    "SetDefaultAddress",
    "SetOrderTerms",
    "ShipOrder",
    "ShowCase",
    "ShowCustomer",
    "ShowImport",
    "ShowOrder",
    "ShowProduct",
    "SkipImportRows",
    "SplitShipment",
    "ViewAsCustomer",
    "WriteAnnotatedCopy",
    "WriteImportTemplate",
]
