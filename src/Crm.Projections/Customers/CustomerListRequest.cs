using Crm.Projections.Filtering;

namespace Crm.Projections.Customers;

/// <summary>How a customer list is ordered: updatedAt, createdAt or name, ascending or descending ("-updatedAt").</summary>
public sealed record CustomerSort(string Field, bool Descending)
{
    public static CustomerSort Default { get; } = new("updatedAt", true);

    public static IReadOnlyList<string> Fields { get; } = ["updatedAt", "createdAt", "name"];

    /// <summary>"-updatedAt" → updatedAt descending; null or empty → the default; unknown fields → null.</summary>
    public static CustomerSort? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var descending = text.StartsWith('-');
        var field = text.TrimStart('-', '+');
        return Fields.Contains(field) ? new CustomerSort(field, descending) : null;
    }

    internal string Column => Field switch
    {
        "createdAt" => "c.created_at",
        "name" => "c.name",
        _ => "c.updated_at",
    };
}

/// <summary>One page request of a customer list.</summary>
/// <param name="Scope">Whose customers the caller sees; customers where <paramref name="ViewerId"/> is on the team are visible whatever the scope.</param>
/// <param name="Pool">List the public pool (customers without owner) instead: the pool is visible to whoever may open it, so the owner scope does not apply.</param>
/// <param name="Filter">A parsed filter tree (<see cref="FilterTree.Parse(string?, IReadOnlyList{FilterField})"/> over <see cref="CustomerFilterFields.All"/>).</param>
/// <param name="Q">Free text matched inside name, phone and e-mail.</param>
public sealed record CustomerListRequest(
    OwnerScope Scope,
    Guid? ViewerId,
    int Limit,
    string? Cursor = null,
    CustomerSort? Sort = null,
    FilterNode? Filter = null,
    string? Q = null,
    bool Pool = false);
