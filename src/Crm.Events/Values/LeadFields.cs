namespace Crm.Events;

/// <summary>The editable, built-in fields of a lead; normalized (trimmed, empty → null) by the decider.</summary>
public sealed record LeadFields(
    string Name,
    string? Company = null,
    string? Phone = null,
    string? Email = null,
    string? Source = null,
    string? Industry = null,
    string? Level = null,
    string? Address = null,
    string? Remark = null)
{
    public static IReadOnlyList<string> Names { get; } =
        ["name", "company", "phone", "email", "source", "industry", "level", "address", "remark"];

    public string? Get(string field) => field switch
    {
        "name" => Name,
        "company" => Company,
        "phone" => Phone,
        "email" => Email,
        "source" => Source,
        "industry" => Industry,
        "level" => Level,
        "address" => Address,
        "remark" => Remark,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a lead field."),
    };

    public LeadFields Apply(IEnumerable<FieldChange> changes) => changes.Aggregate(this, (f, c) => c.Field switch
    {
        "name" => f with { Name = c.New ?? "" },
        "company" => f with { Company = c.New },
        "phone" => f with { Phone = c.New },
        "email" => f with { Email = c.New },
        "source" => f with { Source = c.New },
        "industry" => f with { Industry = c.New },
        "level" => f with { Level = c.New },
        "address" => f with { Address = c.New },
        "remark" => f with { Remark = c.New },
        _ => f,
    });

    public IReadOnlyList<FieldChange> ChangesTo(LeadFields next) =>
        Names.Select(n => new FieldChange(n, Get(n), next.Get(n))).Where(c => c.Old != c.New).ToList();
}
