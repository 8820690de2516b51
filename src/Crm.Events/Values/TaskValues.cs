namespace Crm.Events;

/// <summary>The editable, built-in fields of a task (WORK-1); normalized by the decider (trimmed, empty → null).</summary>
/// <param name="DueAt">When it is due, in UTC; null: no due date (the workbench's inbox).</param>
/// <param name="Priority">high, medium, low or none (<see cref="TaskPriorities"/>).</param>
public sealed record TaskFields(string Name, string? Description, DateTimeOffset? DueAt, string Priority, IReadOnlyList<string> Tags)
{
    public static IReadOnlyList<string> Names { get; } = ["name", "description", "dueAt", "priority", "tags"];

    public string? Get(string field) => field switch
    {
        "name" => Name,
        "description" => Description,
        "dueAt" => DueAt?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        "priority" => Priority,
        "tags" => Tags.Count == 0 ? null : string.Join(", ", Tags),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a task field."),
    };

    public TaskFields Apply(IEnumerable<FieldChange> changes) => changes.Aggregate(this, (f, c) => c.Field switch
    {
        "name" => f with { Name = c.New ?? "" },
        "description" => f with { Description = c.New },
        "dueAt" => f with
        {
            DueAt = c.New is null ? null : DateTimeOffset.Parse(c.New, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind),
        },
        "priority" => f with { Priority = c.New ?? TaskPriorities.None },
        "tags" => f with { Tags = c.New is null ? [] : c.New.Split(", ") },
        _ => f,
    });

    public IReadOnlyList<FieldChange> ChangesTo(TaskFields next) =>
        Names.Select(n => new FieldChange(n, Get(n), next.Get(n))).Where(c => c.Old != c.New).ToList();
}

/// <summary>A task's priority values.</summary>
public static class TaskPriorities
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public const string None = "none";

    public static IReadOnlyList<string> All { get; } = [High, Medium, Low, None];
}

/// <summary>A record a task is about: its kind (customer, contact, opportunity, contract, lead) and id.</summary>
public sealed record RelatedRecord(string Kind, Guid Id)
{
    public static IReadOnlyList<string> Kinds { get; } = ["customer", "contact", "opportunity", "contract", "lead"];

    /// <summary>The key crm.tasks.related_keys holds and the related-record filter looks for: "customer:&lt;id&gt;".</summary>
    public string Key => $"{Kind}:{Id}";
}
