using Crm.Events;
using Crm.Write.Access;

namespace Crm.Write.Approvals;

/// <summary>One step of a flow as sent; checked by <see cref="ApprovalFlowInput.Steps"/>.</summary>
public sealed record ApprovalStepInput(string? Name, string? ApproverKind, Guid? UserId, Guid? RoleId, string? Mode);

/// <summary>
/// What a flow's checks need to know beyond the request: the record kinds registered, the users the steps name (enabled or not;
/// absent: no such user) and the live roles.
/// </summary>
public sealed record ApprovalFlowFacts(IReadOnlyCollection<string> Kinds, IReadOnlyDictionary<Guid, bool> UserEnabled, IReadOnlySet<Guid> LiveRoles);

/// <summary>The rules of a flow's name and steps (SAL-4): 1–10 steps, each named, approved by a user, the superior or a role, any or all.</summary>
public static class ApprovalFlowInput
{
    public const int MaxSteps = 10;
    public const int MaxNameLength = 60;
    public const int MaxStepNameLength = 50;

    public static (string? Name, DomainError? Error) Name(string? name)
    {
        var checks = new FieldChecks();
        var text = checks.Text("name", name, MaxNameLength, required: true);
        return (text, DomainError.Invalid(checks.Errors));
    }

    /// <summary>The steps normalized (trimmed names, ids only where the kind uses them, mode "any" when left out), or the refusal.</summary>
    public static (IReadOnlyList<ApprovalStepRule>? Steps, DomainError? Error) Steps(IReadOnlyList<ApprovalStepInput>? steps, ApprovalFlowFacts facts)
    {
        if (steps is not { Count: >= 1 and <= MaxSteps })
            return (null, DomainError.Invalid("steps", "steps_out_of_range", $"steps lists 1 to {MaxSteps} steps, in order."));
        var checks = new FieldChecks();
        var rules = new List<ApprovalStepRule>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i] ?? new ApprovalStepInput(null, null, null, null, null);
            var at = $"steps[{i}]";
            var name = string.IsNullOrWhiteSpace(step.Name) ? null : step.Name.Trim();
            if (name is null) checks.Fail(at + ".name", "step_name_required", $"{at}.name is required.");
            else if (name.Length > MaxStepNameLength) checks.Fail(at + ".name", "step_name_too_long", $"{at}.name has at most {MaxStepNameLength} characters.");
            if (!ApproverKinds.IsValid(step.ApproverKind))
                checks.Fail(at + ".approverKind", "approver_kind_invalid", $"{at}.approverKind is user, superior or role.");
            if (step.ApproverKind == ApproverKinds.User && (step.UserId is null || step.UserId == Guid.Empty))
                checks.Fail(at + ".userId", "step_user_required", $"{at}.userId names the approving user of a user step.");
            if (step.ApproverKind == ApproverKinds.Role && (step.RoleId is null || step.RoleId == Guid.Empty))
                checks.Fail(at + ".roleId", "step_role_required", $"{at}.roleId names the approving role of a role step.");
            var mode = step.Mode ?? ApprovalModes.Any;
            if (!ApprovalModes.IsValid(mode)) checks.Fail(at + ".mode", "mode_invalid", $"{at}.mode is any (one approval completes it) or all.");
            rules.Add(new ApprovalStepRule(name ?? "", step.ApproverKind ?? "", step.ApproverKind == ApproverKinds.User ? step.UserId : null,
                step.ApproverKind == ApproverKinds.Role ? step.RoleId : null, mode));
        }
        if (DomainError.Invalid(checks.Errors) is { } invalid) return (null, invalid);
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].UserId is { } user && !(facts.UserEnabled.TryGetValue(user, out var enabled) && enabled))
                return (null, DomainError.Unprocessable($"steps[{i}].userId", RecordAccess.UserUnusableCode, $"User {user} does not exist or is disabled."));
            if (rules[i].RoleId is { } role && !facts.LiveRoles.Contains(role))
                return (null, DomainError.Unprocessable($"steps[{i}].roleId", "role_unknown", $"Role {role} does not exist."));
        }
        return (rules, null);
    }

    /// <summary>The user ids the steps name, for the handler to look up.</summary>
    public static IReadOnlyList<Guid> UserIds(IReadOnlyList<ApprovalStepInput>? steps) =>
        (steps ?? []).Where(s => s?.ApproverKind == ApproverKinds.User && s.UserId is not null).Select(s => s.UserId!.Value).Distinct().ToList();

    public static IReadOnlyList<Guid> RoleIds(IReadOnlyList<ApprovalStepInput>? steps) =>
        (steps ?? []).Where(s => s?.ApproverKind == ApproverKinds.Role && s.RoleId is not null).Select(s => s.RoleId!.Value).Distinct().ToList();
}
