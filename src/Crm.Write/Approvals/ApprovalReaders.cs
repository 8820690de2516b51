using Crm.Projections.Approvals;

namespace Crm.Write.Approvals;

/// <summary>
/// Who sees a submission (issue 12): its submitter, every approver it names or named, and whoever reaches its record under the kind's
/// own read permission and data scope. Managing flows (approval-flow.list) reveals no record.
/// </summary>
public static class ApprovalReaders
{
    /// <summary>The kinds' read rules for the lists, one per kind whose read permission the caller holds, with the caller's scope for it.</summary>
    public static IReadOnlyList<ApprovalRecordReach> Reaches(this ApprovalSubjects subjects, Caller caller) =>
        subjects.All.Where(s => caller.Can(s.ReadPermission)).OrderBy(s => s.Kind, StringComparer.Ordinal)
            .Select(s => new ApprovalRecordReach(s.Kind, s.ReachSql, Scope(caller.VisibleOwners(s.ReadPermission)))).ToList();

    /// <summary>For commands: whether the caller sees the submission, its record read from its own stream.</summary>
    public static async Task<bool> SeesAsync(this IApprovalSubject subject, ApprovalState state, Caller caller, CancellationToken ct) =>
        state.Involves(caller.ActorId)
        || caller.Can(subject.ReadPermission) && (await subject.ReadAsync(state.RecordId, caller, subject.ReadPermission, false, ct)).Refusal is null;

    private static Projections.OwnerScope Scope(Access.OwnerScope scope) =>
        scope.IsAll ? Projections.OwnerScope.Everyone : new Projections.OwnerScope(false, [.. scope.Owners]);
}
