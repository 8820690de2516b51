namespace Crm.Projections;

/// <summary>
/// The records a caller may see, as the permission engine resolves its data scope (ORG-4): every
/// owner, or a set of owner ids (self, subordinates, departments … flattened to users).
/// </summary>
public sealed record OwnerScope(bool All, IReadOnlyCollection<Guid> OwnerIds)
{
    public static OwnerScope Everyone { get; } = new(true, []);

    public static OwnerScope Only(params Guid[] ownerIds) => new(false, ownerIds);
}
