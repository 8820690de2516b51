using Crm.Projections.Filtering;

namespace Crm.Projections.Customers;

/// <summary>One page request of a customer list.</summary>
/// <param name="Scope">Whose customers the caller sees; customers where <paramref name="ViewerId"/> is on the team are visible whatever the scope.</param>
/// <param name="Pool">List the public pool (customers without owner) instead: the pool is visible to whoever may open it, so the owner scope does not
/// apply.</param>
/// <param name="Filter">A parsed filter tree (<see cref="FilterTree.Parse(string?, IReadOnlyList{FilterField})"/> over <see
/// cref="CustomerFilterFields.All"/>).</param>
/// <param name="Q">Free text matched inside name, phone and e-mail.</param>
/// <param name="IncludeArchived">List archived customers too (SET-4 clean-up); merged ones never.</param>
public sealed record CustomerListRequest(
    OwnerScope Scope,
    Guid? ViewerId,
    int Limit,
    string? Cursor = null,
    ListSort? Sort = null,
    FilterNode? Filter = null,
    string? Q = null,
    bool Pool = false,
    bool IncludeArchived = false);
