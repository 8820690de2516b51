using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// The editable fields of a product (SAL-1); normalized by the decider (trimmed, empty → null,
/// code upper-cased). <paramref name="Custom"/> is a JSON object of custom fields, kept as given.
/// </summary>
public sealed record ProductFields(
    string Name,
    string Code,
    Guid? CategoryId,
    string? Unit,
    Money Price,
    string? Description = null,
    JsonElement? Custom = null);
