using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// The editable, built-in fields of a contract (SAL-3); normalized by the decider. These and the lines and amount are the
/// fields an approval binds to (the content hash). <paramref name="SignatoryContactId"/> is a contact of the contract's customer.
/// </summary>
public sealed record ContractFields(
    string Name,
    DateOnly? SignedOn = null,
    DateOnly? StartsOn = null,
    DateOnly? EndsOn = null,
    Guid? SignatoryContactId = null,
    string? Remark = null,
    JsonElement? Custom = null);

/// <summary>Where a record that goes through approval stands. Text, not an enum number, so stored events stay readable.</summary>
public static class ApprovalStatus
{
    /// <summary>Being written; may be edited and submitted.</summary>
    public const string Draft = "draft";

    /// <summary>Submitted: locked until the approval ends (approved, rejected or withdrawn).</summary>
    public const string Pending = "pending";

    /// <summary>Approved: locked for good; only voiding (contracts) changes it.</summary>
    public const string Approved = "approved";

    /// <summary>Rejected: may be edited and submitted again.</summary>
    public const string Rejected = "rejected";

    /// <summary>Voided or cancelled, with a reason; final.</summary>
    public const string Voided = "voided";
}

/// <summary>
/// One instalment of a contract's payment plan (SAL-5), as it stands after an event.
/// <paramref name="RemindDaysBefore"/>: how many days before <paramref name="PlannedOn"/> the owner is reminded (null: never).
/// </summary>
public sealed record PaymentPlanEntry(
    Guid PlanId,
    int Instalment,
    Money Amount,
    DateOnly PlannedOn,
    string? Method,
    int? RemindDaysBefore,
    string? Remark);

/// <summary>The editable fields of a payment (SAL-6).</summary>
public sealed record PaymentFields(
    Money Amount,
    DateOnly ReceivedOn,
    Guid? PlanId,
    string? Method,
    string? Remark);
