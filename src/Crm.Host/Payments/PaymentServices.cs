using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Payments;
using Crm.Write.Customers;
using Crm.Write.Payments;

namespace Crm.Host.Payments;

/// <summary>What every payment and receivable endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct PaymentServices(
    HttpContext Http, CallerAccess Caller, PaymentHandler Handler, PaymentReach Reach, PaymentQueries Payments, ReceivableQueries Receivables,
    CustomerReach Customers, SettingsReader Settings, EventStore.EventStore Store, TimeProvider Clock, CancellationToken Ct)
{
    /// <summary>Today as the CRM counts days: UTC (there is no per-organisation time zone yet). Tests fake the clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}
