using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Events;

namespace Crm.Write.Tasks;

/// <summary>
/// Task fields as sent: raw text. In an edit, null leaves a field as is and an empty string clears it (dueAt, description);
/// tags given replace the tags. <paramref name="DueAt"/> is an ISO 8601 date-time with an offset ("2026-03-02T18:00:00+08:00").
/// </summary>
public sealed partial record TaskInput(
    string? Name = null, string? Description = null, string? DueAt = null, string? Priority = null, IReadOnlyList<string?>? Tags = null)
{
    public const int NameLength = 200;
    public const int DescriptionLength = 5000;

    /// <summary>This edit laid over the current fields: what is not sent stays.</summary>
    public TaskInput Over(TaskFields current) => new(
        Name ?? current.Name, Description ?? current.Description, DueAt ?? current.Get("dueAt"), Priority ?? current.Priority,
        Tags ?? current.Tags);

    public (TaskFields? Fields, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        var name = checks.Text("name", Name, NameLength, required: true) ?? "";
        var description = checks.Text("description", Description, DescriptionLength);
        var due = Due(checks, DueAt);
        var priority = string.IsNullOrWhiteSpace(Priority) ? TaskPriorities.None : Priority.Trim();
        if (!TaskPriorities.All.Contains(priority))
            checks.Fail("priority", "priority_invalid", "priority is one of high, medium, low, none.");
        var tags = checks.Tags("tags", Tags);
        var fields = new TaskFields(name, description, due, priority, tags);
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (fields, null);
    }

    /// <summary>A due date-time with its offset, stored in UTC to the second; empty: none.</summary>
    public static DateTimeOffset? Due(FieldChecks checks, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!WithOffset().IsMatch(text.Trim())
            || !DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || at.Year is < 1900 or > 9000)
        {
            checks.Fail("dueAt", "due_invalid", "dueAt is an ISO 8601 date-time with an offset, e.g. 2026-03-02T18:00:00+08:00 (or Z).");
            return null;
        }
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
