using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Invoices;
using Crm.Write.Invoices;

namespace Crm.Host.Invoices;

/// <summary>What every invoice endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct InvoiceServices(
    HttpContext Http, CallerAccess Caller, InvoiceHandler Handler, InvoiceQueries Invoices, SettingsReader Settings, EventStore.EventStore Store,
    CancellationToken Ct);
