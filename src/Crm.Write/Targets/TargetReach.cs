using Crm.Events;
using Crm.Projections.Targets;
using Crm.Write.Access;

namespace Crm.Write.Targets;

/// <summary>
/// Targets as the access policy sees them: a user target is reached through its user (the caller's data scope for the permission
/// includes them); a department target when the department has members (its own and its sub-departments' users, now) and the
/// scope includes every one of them — an all scope, or a department-and-children scope over it. Outside it a target answers 404
/// target_not_found, and a subject outside it is refused on create (422 subject_out_of_scope naming subjectId).
/// </summary>
public sealed class TargetReach(TargetQueries targets)
{
    public async Task<bool> CoversAsync(Caller caller, string permission, TargetKey key, CancellationToken ct)
    {
        var scope = caller.VisibleOwners(permission);
        if (scope.IsAll) return true;
        if (key.SubjectKind == TargetSubjects.User) return scope.Includes(key.SubjectId);
        var members = await targets.MembersAsync(key.SubjectId, ct);
        return members.Count > 0 && members.All(scope.Includes);
    }

    /// <summary>For commands: null when the caller reaches the target as its stream has it; else 404 target_not_found.</summary>
    public async Task<DomainError?> CheckAsync(Guid id, TargetState state, Caller caller, string permission, CancellationToken ct) =>
        state.Exists && await CoversAsync(caller, permission, state.Key!, ct) ? null : RecordAccess.NotFound(Target.Kind, id);
}
