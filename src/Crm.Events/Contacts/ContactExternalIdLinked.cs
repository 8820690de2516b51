namespace Crm.Events.Contacts;

/// <summary>
/// The contact was linked to its id in another system (docs/integration.md, "Upsert by external id"): <paramref name="System"/> names
/// that system (lower case), <paramref name="ExternalId"/> is its id there. A (system, external id) pair maps to one contact only
/// (crm.external_ids); it is appended with the events that create the contact.
/// </summary>
public sealed record ContactExternalIdLinked(Guid ContactId, string System, string ExternalId);
