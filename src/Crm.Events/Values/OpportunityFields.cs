using System.Text.Json;

namespace Crm.Events;

/// <summary>The editable, built-in fields of an opportunity (SAL-2); normalized by the decider.</summary>
public sealed record OpportunityFields(
    string Name,
    DateOnly? ExpectedCloseDate = null,
    string? Source = null,
    string? Remark = null,
    JsonElement? Custom = null);
