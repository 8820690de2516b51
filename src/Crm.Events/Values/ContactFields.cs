namespace Crm.Events;

/// <summary>The editable, built-in fields of a contact; normalized (trimmed, empty → null) by the decider.</summary>
public sealed record ContactFields(
    string Name,
    string? Title = null,
    string? Phone = null,
    string? Email = null,
    string? Address = null,
    string? Remark = null)
{
    public static IReadOnlyList<string> Names { get; } = ["name", "title", "phone", "email", "address", "remark"];

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
