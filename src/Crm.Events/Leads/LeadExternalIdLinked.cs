namespace Crm.Events.Leads;

/// <summary>
/// The lead was linked to its id in another system (docs/integration.md, "Upsert by external id"): <paramref name="System"/> names
/// that system (lower case), <paramref name="ExternalId"/> is its id there. A (system, external id) pair maps to one lead only
/// (crm.external_ids); it is appended with the events that create the lead.
/// </summary>
public sealed record LeadExternalIdLinked(Guid LeadId, string System, string ExternalId);
