namespace Crm.Events.Products;

/// <summary>
/// The product was linked to its id in another system (docs/integration.md, "Upsert by external id"): <paramref name="System"/> names
/// that system (lower case), <paramref name="ExternalId"/> is its id there. A (system, external id) pair maps to one product only
/// (crm.external_ids); it is appended with the events that create the product.
/// </summary>
public sealed record ProductExternalIdLinked(Guid ProductId, string System, string ExternalId);
