using Crm.Write.Access;

namespace Crm.Write;

/// <summary>
/// The signed-in user a command or query runs for, with the org snapshot read once at the start of
/// the request (so one request never mixes two versions of the org). Handlers take it beside the
/// command; the Host builds it from the bearer token — or from an API token, whose <see cref="Grant"/>
/// narrows every answer below to what both the user's roles and the token allow.
/// </summary>
public class Caller(Guid actorId, OrgSnapshot snapshot, TokenGrant? grant = null)
{
    public Guid ActorId { get; } = actorId;

    public OrgSnapshot Snapshot { get; } = snapshot;

    /// <summary>The API token the caller signed in with; null for a person's sign-in.</summary>
    public TokenGrant? Grant { get; } = grant;

    /// <summary>An enabled super administrator signed in as themselves (a token never is one).</summary>
    public bool IsSuperAdmin => Grant is null && Snapshot.IsSuperAdmin(ActorId);

    public bool Can(string permission) => Snapshot.Can(ActorId, permission) && (Grant is null || Grant.Permissions.Contains(permission));

    public OwnerScope VisibleOwners(string permission) => Grant is null ? Snapshot.VisibleOwners(ActorId, permission)
        : Grant.Permissions.Contains(permission) ? Narrowed(Snapshot.VisibleOwners(ActorId, permission)) : OwnerScope.None;

    public OwnerScope VisibleOwnersInModule(string module) => Grant is null ? Snapshot.VisibleOwnersInModule(ActorId, module)
        : Grant.Permissions.Any(p => p.StartsWith(module + ".", StringComparison.Ordinal))
            ? Narrowed(Snapshot.VisibleOwnersInModule(ActorId, module)) : OwnerScope.None;

    private OwnerScope Narrowed(OwnerScope owners) => OwnerScope.Both(owners, Snapshot.ScopeOf(ActorId, Grant!.Scope));
}
