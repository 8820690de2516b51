using System.Text.Json;
using Crm.Events;

namespace Crm.Write.Customers;

/// <summary>
/// Customer fields as a client sent them: raw text, not yet validated. In an edit, null means
/// "leave as is" and an empty string (or an empty tag list) clears the field. <see cref="Custom"/> holds custom values keyed by
/// field key (SET-1): the keys sent change, a null clears one; the decider checks it against the kind's definitions.
/// </summary>
public sealed record CustomerInput(
    string? Name = null,
    string? Level = null,
    string? Industry = null,
    string? Source = null,
    string? Region = null,
    string? Address = null,
    string? Phone = null,
    string? Email = null,
    string? Website = null,
    string? Remark = null,
    IReadOnlyList<string>? Tags = null,
    JsonElement? Custom = null)
{
    public const int MaxNameLength = 100;
    public const int MaxCodeLength = 30;
    public const int MaxCategoryLength = 50;
    public const int MaxAddressLength = 200;
    public const int MaxRemarkLength = 2000;

    /// <summary>The sent fields laid over <paramref name="current"/>.</summary>
    public CustomerInput Over(CustomerFields current) => new(
        Name ?? current.Name, Level ?? current.Level, Industry ?? current.Industry, Source ?? current.Source,
        Region ?? current.Region, Address ?? current.Address, Phone ?? current.Phone, Email ?? current.Email,
        Website ?? current.Website, Remark ?? current.Remark, Tags ?? current.TagList, Custom);

    /// <summary>The validated, normalized fields, or the refusal naming every field at fault.</summary>
    public (CustomerFields? Fields, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        var fields = new CustomerFields(
            checks.Text("name", Name, MaxNameLength, required: true) ?? "",
            checks.Text("level", Level, MaxCodeLength),
            checks.Text("industry", Industry, MaxCategoryLength),
            checks.Text("source", Source, MaxCategoryLength),
            checks.Text("region", Region, MaxCategoryLength),
            checks.Text("address", Address, MaxAddressLength),
            checks.Phone("phone", Phone),
            checks.Email("email", Email),
            checks.Website("website", Website),
            checks.Text("remark", Remark, MaxRemarkLength),
            checks.Tags("tags", Tags));
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (fields, null);
    }
}
