using Crm.Events;

namespace Crm.Write.Access;

/// <summary>
/// The one access policy for owned records (customers, contacts, leads, and every later kind): who
/// reaches a record, who may receive one, and what a refusal says. A record outside the caller's data
/// scope is answered exactly like one that does not exist (404 <c>&lt;kind&gt;_not_found</c>), so an id
/// never confirms a hidden record; a team member with read access who tries a change gets 403
/// <c>team_read_only</c> (they can see the record, so nothing is hidden by saying so).
/// </summary>
public static class RecordAccess
{
    public const string TeamReadOnlyCode = "team_read_only";
    public const string UserRequiredCode = "user_required";
    public const string UserUnusableCode = "user_unusable";
    public const string UserOutOfScopeCode = "user_out_of_scope";

    /// <summary>Null when the caller may do <paramref name="permission"/> to the record; else the refusal to answer.</summary>
    public static DomainError? Reach(Caller caller, RecordOnFile record, string permission, TeamNeed team)
    {
        if (!record.Exists) return NotFound(record.Kind, record.Id);
        var scope = caller.VisibleOwners(permission);
        if (record.OwnerId is { } owner ? scope.Includes(owner) : InPoolReach(caller, record, scope, team)) return null;
        if (record.AlsoReachedThrough.Any(scope.Includes)) return null;
        if (team != TeamNeed.None && record.Team.TryGetValue(caller.ActorId, out var access))
        {
            if (team == TeamNeed.Read || access == TeamAccess.ReadWrite) return null;
            return DomainError.Forbidden(TeamReadOnlyCode, $"You are on this {record.Kind}'s team with read access only.");
        }
        return NotFound(record.Kind, record.Id);
    }

    /// <summary>Whether the caller may see the record at all (detail permission, read need): duplicate candidates are masked by it.</summary>
    public static bool Sees(Caller caller, RecordOnFile record, string detailPermission) =>
        Reach(caller, record, detailPermission, TeamNeed.Read) is null;

    public static DomainError NotFound(string kind, Guid id) =>
        DomainError.NotFound($"{kind}_not_found", $"{Title(kind)} {id} does not exist (at that version or moment) or is outside your data scope.");

    /// <summary>
    /// The one rule for whoever receives a record (new owner, transfer target, assignee): an enabled
    /// user inside the caller's scope for the operation. Null when usable; else the refusal naming the field.
    /// </summary>
    /// <param name="user">The user as the read model has them (null when there is no such user).</param>
    public static DomainError? Receiver(Guid? userId, ReceiverOnFile? user, string field, OwnerScope scope)
    {
        if (userId is not { } id || id == Guid.Empty) return DomainError.Invalid(field, UserRequiredCode, $"{field} names the user who receives it.");
        if (user is null || user.IsDisabled) return DomainError.Unprocessable(field, UserUnusableCode, $"User {id} does not exist or is disabled.");
        if (!scope.Includes(id)) return DomainError.Unprocessable(field, UserOutOfScopeCode, $"User {id} is outside your data scope.");
        return null;
    }

    private static bool InPoolReach(Caller caller, RecordOnFile record, OwnerScope scope, TeamNeed team) =>
        scope.IsAll || record.PoolPermission is { } pool && (!pool.ReadOnly || team == TeamNeed.Read) && caller.Can(pool.Permission);

    private static string Title(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];
}

/// <summary>What the receiver rule needs of a user.</summary>
public sealed record ReceiverOnFile(Guid Id, bool IsDisabled);
