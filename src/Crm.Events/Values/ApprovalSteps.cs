namespace Crm.Events;

/// <summary>
/// One step of an approval flow as administrators configure it (SAL-4). <paramref name="ApproverKind"/> is
/// <see cref="ApproverKinds"/>' text: a named user (<paramref name="UserId"/>), the submitter's superior, or everyone holding
/// a role (<paramref name="RoleId"/>). <paramref name="Mode"/> is <see cref="ApprovalModes"/>' text: any one (或签) or all (会签).
/// </summary>
public sealed record ApprovalStepRule(string Name, string ApproverKind, Guid? UserId, Guid? RoleId, string Mode);

/// <summary>
/// A step as a submission follows it: the rule, and the approvers it named at submission (the superior chain and role
/// members as of submission). <paramref name="Index"/> counts from 0.
/// </summary>
public sealed record ApprovalStepPlan(int Index, string Name, string ApproverKind, Guid? RoleId, string Mode, IReadOnlyList<Guid> Approvers);

public static class ApproverKinds
{
    public const string User = "user";
    public const string Superior = "superior";
    public const string Role = "role";

    public static bool IsValid(string? kind) => kind is User or Superior or Role;
}

public static class ApprovalModes
{
    /// <summary>或签: one approval of any approver of the step completes it.</summary>
    public const string Any = "any";

    /// <summary>会签: every approver of the step must approve.</summary>
    public const string All = "all";

    public static bool IsValid(string? mode) => mode is Any or All;
}
