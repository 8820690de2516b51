using Crm.Write.Access;

namespace Crm.Write;

/// <summary>
/// The signed-in user a command or query runs for, with the org snapshot read once at the start of
/// the request (so one request never mixes two versions of the org). Handlers take it beside the
/// command; the Host builds it from the bearer token.
/// </summary>
public class Caller(Guid actorId, OrgSnapshot snapshot)
{
    public Guid ActorId { get; } = actorId;

    public OrgSnapshot Snapshot { get; } = snapshot;

    public bool Can(string permission) => Snapshot.Can(ActorId, permission);

    public OwnerScope VisibleOwners(string permission) => Snapshot.VisibleOwners(ActorId, permission);

    public OwnerScope VisibleOwnersInModule(string module) => Snapshot.VisibleOwnersInModule(ActorId, module);
}
