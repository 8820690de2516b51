using Crm.Events;

namespace Crm.Write.Erasure;

/// <summary>The rules every erasure command shares (customers, leads, contacts): a reason is required, and erasing twice refuses.</summary>
public static class ErasureRules
{
    public const int MaxReasonLength = 500;

    /// <summary>The trimmed reason, or the refusal naming the field "reason".</summary>
    public static (string? Reason, DomainError? Error) Reason(string? reason)
    {
        var checks = new FieldChecks();
        var text = checks.Text("reason", reason, MaxReasonLength, required: true);
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (text, null);
    }

    /// <summary>Nothing personal was recorded since the last erasure: a second one would mask nothing.</summary>
    public static DomainError AlreadyErased(string kind) => DomainError.Conflict("already_erased",
        $"The {kind}'s personal data is already erased and none was recorded since.");

    /// <summary>An erasure decision: its event, appended with the masking of the stream's earlier events in the same transaction.</summary>
    public static Decision Accept(Guid streamId, IReadOnlyList<string> fields, object erased) =>
        Decision.Accept(erased).Erasing(PersonalDataMask.Of(streamId, fields));

    /// <summary>Whether an edit leaves personal data on the stream again (after an erasure: new data is new consent).</summary>
    public static bool StillErased(bool erased, IEnumerable<FieldChange> changes, IReadOnlyList<string> personal) =>
        erased && !PersonalData.Carries(changes, personal);
}
