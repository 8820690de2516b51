namespace Crm.Events.Customers;

/// <summary>
/// The customer was linked to its id in another system (docs/integration.md, "Upsert by external id"): <paramref name="System"/> names
/// that system (lower case), <paramref name="ExternalId"/> is its id there. A (system, external id) pair maps to one customer only
/// (crm.external_ids); it is appended with the events that create the customer.
/// </summary>
public sealed record CustomerExternalIdLinked(Guid CustomerId, string System, string ExternalId);
