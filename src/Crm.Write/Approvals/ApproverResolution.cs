using Crm.Events;
using Crm.Write.Access;

namespace Crm.Write.Approvals;

/// <summary>
/// A flow's steps turned into the approvers they name AS OF SUBMISSION, from the submitter's org snapshot: a named user, the
/// submitter's direct superior, or every enabled holder of a role. A step that names nobody usable refuses the submission
/// (409 <c>approver_missing</c>, naming the step): a submission nobody can approve would wait forever. Nobody approves their own
/// submission (separation of duties): the submitter is never among a step's approvers, even when the step names them or they hold
/// its role.
/// </summary>
public static class ApproverResolution
{
    public static (IReadOnlyList<ApprovalStepPlan>? Plans, DomainError? Missing) Resolve(
        IReadOnlyList<ApprovalStepRule> rules, Guid submitter, OrgSnapshot org)
    {
        var plans = new List<ApprovalStepPlan>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            IReadOnlyList<Guid> approvers = rule.ApproverKind switch
            {
                ApproverKinds.User when rule.UserId is { } user && user != submitter && Enabled(org, user) => [user],
                ApproverKinds.Superior when org.FindUser(submitter)?.SuperiorId is { } superior && superior != submitter && Enabled(org, superior)
                    => [superior],
                ApproverKinds.Role when rule.RoleId is { } role && org.FindRole(role) is not null => [.. org.EnabledHoldersOf(role).Where(u => u != submitter)],
                _ => [],
            };
            if (approvers.Count == 0) return (null, Missing(i, rule));
            plans.Add(new ApprovalStepPlan(i, rule.Name, rule.ApproverKind, rule.RoleId, rule.Mode, approvers));
        }
        return (plans, null);
    }

    private static bool Enabled(OrgSnapshot org, Guid user) => org.FindUser(user) is { IsDisabled: false };

    private static DomainError Missing(int index, ApprovalStepRule rule) => DomainError.Conflict("approver_missing", rule.ApproverKind switch
        {
            ApproverKinds.Superior => $"Step {index + 1} ({rule.Name}) is approved by the submitter's superior, and you have no enabled superior.",
            ApproverKinds.Role => $"Step {index + 1} ({rule.Name}) is approved by a role nobody enabled but you holds (nobody approves their own submission).",
            _ => $"Step {index + 1} ({rule.Name}) names a user who is disabled or gone, or you (nobody approves their own submission).",
        })
    with { Extensions = new Dictionary<string, object> { ["step"] = index, ["stepName"] = rule.Name } };
}
