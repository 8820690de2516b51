namespace Crm.Events;

/// <summary>The editable, built-in fields of a lead; normalized (trimmed, empty → null) by the decider.</summary>
public sealed record LeadFields(
    [property: PersonalData] string Name,
    string? Company = null,
    [property: PersonalData] string? Phone = null,
    [property: PersonalData] string? Email = null,
    string? Source = null,
    string? Industry = null,
    string? Level = null,
    [property: PersonalData] string? Address = null,
    [property: PersonalData] string? Remark = null)
{
    public static IReadOnlyList<string> Names { get; } =
        ["name", "company", "phone", "email", "source", "industry", "level", "address", "remark"];

    /// <summary>The personal fields (docs/event-store.md, "Erasure"): a lead names a person; its company is not one.</summary>
    public static IReadOnlyList<string> Personal { get; } = PersonalData.FieldsOf(typeof(LeadFields));

    /// <summary>These fields with every personal value replaced by the erasure marker.</summary>
    public LeadFields Erased() => this with
    {
        Name = PersonalData.Erased, Phone = PersonalData.Mask(Phone), Email = PersonalData.Mask(Email), Address = PersonalData.Mask(Address),
        Remark = PersonalData.Mask(Remark),
    };

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
