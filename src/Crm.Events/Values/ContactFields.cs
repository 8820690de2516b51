namespace Crm.Events;

/// <summary>The editable, built-in fields of a contact; normalized (trimmed, empty → null) by the decider.</summary>
public sealed record ContactFields(
    [property: PersonalData] string Name,
    string? Title = null,
    [property: PersonalData] string? Phone = null,
    [property: PersonalData] string? Email = null,
    [property: PersonalData] string? Address = null,
    [property: PersonalData] string? Remark = null)
{
    public static IReadOnlyList<string> Names { get; } = ["name", "title", "phone", "email", "address", "remark"];

    /// <summary>The personal fields (docs/event-store.md, "Erasure"): a contact is a person; a job title is not personal data.</summary>
    public static IReadOnlyList<string> Personal { get; } = PersonalData.FieldsOf(typeof(ContactFields));

    /// <summary>These fields with every personal value replaced by the erasure marker.</summary>
    public ContactFields Erased() => this with
    {
        Name = PersonalData.Erased, Phone = PersonalData.Mask(Phone), Email = PersonalData.Mask(Email), Address = PersonalData.Mask(Address),
        Remark = PersonalData.Mask(Remark),
    };

    public string? Get(string field) => field switch
    {
        "name" => Name,
        "title" => Title,
        "phone" => Phone,
        "email" => Email,
        "address" => Address,
        "remark" => Remark,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a contact field."),
    };

    public ContactFields Apply(IEnumerable<FieldChange> changes) => changes.Aggregate(this, (f, c) => c.Field switch
    {
        "name" => f with { Name = c.New ?? "" },
        "title" => f with { Title = c.New },
        "phone" => f with { Phone = c.New },
        "email" => f with { Email = c.New },
        "address" => f with { Address = c.New },
        "remark" => f with { Remark = c.New },
        _ => f,
    });

    public IReadOnlyList<FieldChange> ChangesTo(ContactFields next) =>
        Names.Select(n => new FieldChange(n, Get(n), next.Get(n))).Where(c => c.Old != c.New).ToList();
}
