using Crm.Events;

namespace Crm.Write.Erasure;

/// <summary>The rules every erasure command shares (customers, leads, contacts): a reason is required, and erasing twice refuses.</summary>
public static class ErasureRules
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The erasure decision of an existing record: the reason (trimmed, required) checked, a second erasure with nothing personal
    /// recorded since refused (409 already_erased), else the erasure event, appended with the masking of the stream's earlier events.
    /// </summary>
    public static Decision Decide(string kind, Guid streamId, bool erased, string? reason, IReadOnlyList<string> personal,
        Func<string, object> erasedEvent)
    {
        var checks = new FieldChecks();
        var text = checks.Text("reason", reason, MaxReasonLength, required: true);
        if (DomainError.Invalid(checks.Errors) is { } invalid) return invalid;
        if (erased) return DomainError.Conflict("already_erased", $"The {kind}'s personal data is already erased and none was recorded since.");
        return Decision.Accept(erasedEvent(text!)).Erasing(PersonalDataMask.Of(streamId, personal));
    }

    /// <summary>Whether an edit leaves personal data on the stream again (after an erasure: new data is new consent).</summary>
    public static bool StillErased(bool erased, IEnumerable<FieldChange> changes, IReadOnlyList<string> personal) =>
        erased && !PersonalData.Carries(changes, personal);
}
