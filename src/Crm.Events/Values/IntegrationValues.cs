namespace Crm.Events;

/// <summary>One condition of a webhook's filter: the event's data at <paramref name="Path"/> (dotted, e.g. "fields.name") equals the text.</summary>
/// <param name="EqualTo">Compared with the value as text (a number or true/false as JSON writes it).</param>
public sealed record WebhookCondition(string Path, string EqualTo);
