using System.Text.Json;

namespace Crm.Events;

/// <summary>The editable, built-in fields of a customer; normalized (trimmed, empty → null) by the decider.</summary>
public sealed record CustomerFields(
    string Name,
    string? Level = null,
    string? Industry = null,
    string? Source = null,
    string? Region = null,
    [property: PersonalData] string? Address = null,
    [property: PersonalData] string? Phone = null,
    [property: PersonalData] string? Email = null,
    string? Website = null,
    [property: PersonalData] string? Remark = null,
    IReadOnlyList<string>? Tags = null,
    JsonElement? Custom = null)
{
    public const string TagSeparator = ", ";

    /// <summary>The field names as they appear in edits, errors, filters and imports.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["name", "level", "industry", "source", "region", "address", "phone", "email", "website", "remark", "tags"];

    /// <summary>The personal fields (docs/event-store.md, "Erasure"): a customer is mostly a company, so its name is not one.</summary>
    public static IReadOnlyList<string> Personal { get; } = PersonalData.FieldsOf(typeof(CustomerFields));

    public IReadOnlyList<string> TagList => Tags ?? [];

    /// <summary>These fields with every personal value replaced by the erasure marker.</summary>
    public CustomerFields Erased() => this with
    {
        Address = PersonalData.Mask(Address), Phone = PersonalData.Mask(Phone), Email = PersonalData.Mask(Email), Remark = PersonalData.Mask(Remark),
    };

    /// <summary>A field's value as text, the form <see cref="FieldChange"/> carries.</summary>
    public string? Get(string field) => field switch
    {
        "name" => Name,
        "level" => Level,
        "industry" => Industry,
        "source" => Source,
        "region" => Region,
        "address" => Address,
        "phone" => Phone,
        "email" => Email,
        "website" => Website,
        "remark" => Remark,
        "tags" => TagList.Count == 0 ? null : string.Join(TagSeparator, TagList),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a customer field."),
    };

    /// <summary>The fields after an edit: the one fold shared by the decider and the read models.</summary>
    public CustomerFields Apply(IEnumerable<FieldChange> changes) => ApplyBuiltIn(changes) with { Custom = CustomChanges.Apply(Custom, changes) };

    private CustomerFields ApplyBuiltIn(IEnumerable<FieldChange> changes) => changes.Aggregate(this, (f, c) => c.Field switch
    {
        "name" => f with { Name = c.New ?? "" },
        "level" => f with { Level = c.New },
        "industry" => f with { Industry = c.New },
        "source" => f with { Source = c.New },
        "region" => f with { Region = c.New },
        "address" => f with { Address = c.New },
        "phone" => f with { Phone = c.New },
        "email" => f with { Email = c.New },
        "website" => f with { Website = c.New },
        "remark" => f with { Remark = c.New },
        "tags" => f with { Tags = c.New is null ? [] : c.New.Split(TagSeparator) },
        _ => f,
    });

    /// <summary>The changes that turn these fields into <paramref name="next"/>, custom values per key (custom.&lt;key&gt;); none: nothing differs.</summary>
    public IReadOnlyList<FieldChange> ChangesTo(CustomerFields next) =>
        [.. Names.Select(n => new FieldChange(n, Get(n), next.Get(n))).Where(c => c.Old != c.New), .. CustomChanges.Between(Custom, next.Custom)];
}
