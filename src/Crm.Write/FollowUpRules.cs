namespace Crm.Write;

/// <summary>What every follow-up record (跟进记录) must satisfy, whatever it is attached to.</summary>
public static class FollowUpRules
{
    public const int MaxContentLength = 5000;

    /// <summary>Lead follow-ups record how the lead was reached (LEAD-2).</summary>
    public static IReadOnlyList<string> LeadKinds { get; } = ["phone", "email", "visit", "sms", "chat", "other"];

    /// <summary>The kinds of CUS-2: everything about a customer appears among its follow-ups. Contacts use the same kinds.</summary>
    public static IReadOnlyList<string> CustomerKinds { get; } = ["communication", "log", "schedule", "task", "approval"];

    /// <summary>The refusal for a follow-up, or null when it is acceptable; a next contact time must lie ahead.</summary>
    public static DomainError? Check(IReadOnlyList<string> kinds, string? kind, string? content, DateTimeOffset? nextContactAt, DateTimeOffset now)
    {
        var checks = new FieldChecks();
        if (kind is null || !kinds.Contains(kind)) checks.Fail("kind", "kind_invalid", $"kind must be one of: {string.Join(", ", kinds)}.");
        checks.Text("content", content, MaxContentLength, required: true);
        if (nextContactAt is { } next && next <= now) checks.Fail("nextContactAt", "next_contact_in_past", "nextContactAt must lie in the future.");
        return DomainError.Invalid(checks.Errors);
    }
}
