using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Customers;
using Crm.Projections.RecordCare;
using Crm.Write.Customers;

namespace Crm.Host.RecordCare;

/// <summary>What every customer record-care endpoint takes besides the request's own values ([AsParameters]).</summary>
public readonly record struct CustomerCareServices(
    HttpContext Http, CallerAccess Caller, CustomerCareHandler Handler, CustomerReach Reach, CustomerQueries Customers, RecordCareQueries Care,
    DuplicateQueries Duplicates, DuplicateMasking Masking, SettingsReader Settings, TimeProvider Clock, CancellationToken Ct);
