using System.Collections.Frozen;

namespace Crm.Write.Access;

/// <summary>
/// Whose records a caller may see or act on: everyone (<see cref="IsAll"/>, never spelled out as a
/// set) or exactly these owner ids. Queries apply it in SQL: <c>owner_id = any(@owners)</c> unless
/// <see cref="IsAll"/>.
/// </summary>
public sealed class OwnerScope
{
    private OwnerScope(bool isAll, FrozenSet<Guid> owners)
    {
        IsAll = isAll;
        Owners = owners;
    }

    public static OwnerScope All { get; } = new(true, FrozenSet<Guid>.Empty);

    public static OwnerScope None { get; } = new(false, FrozenSet<Guid>.Empty);

    public static OwnerScope Of(IEnumerable<Guid> owners) => new(false, owners.ToFrozenSet());

    /// <summary>The owners both scopes reach.</summary>
    public static OwnerScope Both(OwnerScope a, OwnerScope b) => a.IsAll ? b : b.IsAll ? a : Of(a.Owners.Where(b.Owners.Contains));

    public bool IsAll { get; }

    /// <summary>The visible owners; empty when <see cref="IsAll"/> (check that first).</summary>
    public FrozenSet<Guid> Owners { get; }

    public bool IsNone => !IsAll && Owners.Count == 0;

    public bool Includes(Guid ownerId) => IsAll || Owners.Contains(ownerId);

    /// <summary>The owner ids for a SQL filter, or null for "no filter" (all).</summary>
    public Guid[]? ForSql() => IsAll ? null : [.. Owners];
}
