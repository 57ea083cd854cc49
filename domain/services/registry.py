"""Which service handles which command, and which handlers react to which events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain import commands as c
from domain.events import Event
from domain.ports import UnitOfWork
from domain.services import (
    alerts,
    case_priorities,
    cases,
    catalog,
    catalogues,
    customer_edits,
    customers,
    deliveries,
    history,
    imports,
    intake,
    intake_quarantine,
    jobs,
    notify,
    order_lists,
    orders,
    product_edits,
    product_history,
    subscriptions,
)
from domain.services import tracking as tracking_services
from domain.services.context import ServiceContext

Handler = Callable[[Any, UnitOfWork, ServiceContext], Any]
EventHandler = Callable[[Event, UnitOfWork, ServiceContext], None]

HANDLERS: dict[type[c.Command], Handler] = {
    c.CheckImport: imports.check_import,
    c.SkipImportRows: imports.skip_import_rows,
    c.ConfirmImport: imports.confirm_import,
    c.ShowImport: imports.show_import,
    c.WriteAnnotatedCopy: imports.write_annotated_copy,
    c.WriteImportTemplate: imports.write_import_template,
    c.CreateOrder: orders.create_order,
    c.SetOrderTerms: orders.set_order_terms,
    c.AddLine: orders.add_line,
    c.RemoveLine: orders.remove_line,
    c.ConfirmOrder: orders.confirm_order,
    c.CancelOrder: orders.cancel_order,
    c.CloseOrder: orders.close_order,
    c.MarkShipmentReady: orders.mark_ready,
    c.ShipOrder: orders.ship_order,
    c.DeliverOrder: orders.deliver_order,
    c.SplitShipment: orders.split_shipment,
    c.MergeOrders: orders.merge_orders,
    c.InvoiceOrder: orders.invoice_order,
    c.CreateWorkOrders: orders.create_work_orders,
    c.CreateReturn: orders.create_return,
    c.NotifyOrder: notify.notify_order,
    c.ShowOrder: orders.show_order,
    c.ListOrders: order_lists.list_orders,
    c.ExportOrders: order_lists.export_orders,
    c.CreateCustomer: customers.create_customer,
    c.AddCustomerNote: customers.add_note,
    c.AddAddress: customers.add_address,
    c.AddContact: customers.add_contact,
    c.SetCustomer: customer_edits.set_customer,
    c.SetAddress: customer_edits.set_address,
    c.SetDefaultAddress: customer_edits.set_default_address,
    c.RemoveAddress: customer_edits.remove_address,
    c.SetContact: customer_edits.set_contact,
    c.RemoveContact: customer_edits.remove_contact,
    c.FindCustomers: alerts.find_customers,
    c.ShowCustomer: customers.show_customer,
    c.CreateProduct: catalog.create_product,
    c.ListProducts: catalog.list_products,
    c.ShowProduct: catalog.show_product,
    c.SetProduct: product_edits.set_product,
    c.CreateTax: catalog.create_tax,
    c.ListTaxes: catalog.list_taxes,
    c.OpenCase: cases.open_case,
    c.ListCases: cases.list_cases,
    c.CloseCase: cases.close_case,
    c.ShowCase: cases.show_case,
    c.AddCaseNote: cases.add_case_note,
    c.SetCase: cases.set_case,
    c.ListCasePriorities: case_priorities.list_priorities,
    c.NewCasePriority: case_priorities.add_priority,
    c.SetCasePriority: case_priorities.mark_priority,
    c.CreateSubscription: subscriptions.create_subscription,
    c.ListSubscriptions: subscriptions.list_subscriptions,
    c.PauseSubscription: subscriptions.pause_subscription,
    c.ResumeSubscription: subscriptions.resume_subscription,
    c.EndSubscription: subscriptions.end_subscription,
    c.ListJobRuns: jobs.list_job_runs,
    c.RunJob: jobs.run_job,
    c.ShowJobRun: jobs.show_job_run,
    c.ClaimDelivery: deliveries.claim_delivery,
    c.ViewAsCustomer: tracking_services.view_as_customer,
    c.RevokeTracking: tracking_services.revoke_tracking,
    c.SendCatalog: catalogues.send_catalog,
    c.CreateCatalogue: catalogues.create_catalogue,
    c.ChangeCatalogueProducts: catalogues.change_catalogue_products,
    c.ListCatalogues: catalogues.list_catalogues,
    c.ShowCatalogue: catalogues.show_catalogue,
    c.ListDeadMessages: tracking_services.list_dead_messages,
    c.IntakeMails: intake.intake_mails,
    c.QuarantineMail: intake_quarantine.quarantine_mail,
}

EVENT_HANDLERS: list[EventHandler] = [
    notify.notify_automatically,
    history.record_customer_change,
    product_history.record_product_change,
]
