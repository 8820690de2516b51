using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Projections.Targets;

/// <summary>
/// One row of crm.achievement_deals: a contract as target achievement counts it (from its creation, so its owner and signing date are
/// known when it is approved), or one approved payment.
/// </summary>
public sealed record AchievementDeal(
    Guid Id, string Measure, Guid ContractId, Guid OwnerId, Guid CurrentOwnerId, DateOnly? SignedOn, DateOnly? ApprovedOn, DateOnly? DatedOn,
    Money Amount, bool Counted, DateTimeOffset UpdatedAt)
{
    /// <summary>How a contract's row moves with its events; null once deleted.</summary>
    public static AchievementDeal? Evolve(AchievementDeal? row, object e, DateTimeOffset at)
    {
        if (e is ContractCreated c)
            return new AchievementDeal(c.ContractId, TargetMeasures.ContractAmount, c.ContractId, c.OwnerId, c.OwnerId, c.Fields.SignedOn, null, null,
                c.Amount, false, at);
        if (row is null) return null;
        var next = e switch
        {
            // Re-dating: the signing date moves the deal, approved or not.
            ContractEdited x when x.Changes.FirstOrDefault(f => f.Field == "signedOn") is { } signed =>
                row with { SignedOn = DateOnly.TryParse(signed.New, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null },
            // Credited to the owner at approval; a later transfer changes only whose later payments are.
            ContractTransferred x => row with { CurrentOwnerId = x.OwnerId, OwnerId = row.Counted ? row.OwnerId : x.OwnerId },
            ContractApproved x => row with
            {
                Counted = true, Amount = x.Amount, ApprovedOn = DateOnly.FromDateTime(x.At.UtcDateTime), OwnerId = row.CurrentOwnerId,
            },
            ContractVoided => row with { Counted = false },
            ContractDeleted => null,
            _ => row,
        };
        return next is null ? null : next with { DatedOn = next.SignedOn ?? next.ApprovedOn, UpdatedAt = at };
    }

    /// <summary>An approved payment, credited to its contract's owner now (when the contract is unknown: nobody, and it is not counted).</summary>
    public static AchievementDeal Payment(PaymentApproved p, AchievementDeal? contract, DateTimeOffset at) => new(p.PaymentId,
        TargetMeasures.PaymentsReceived, p.ContractId, contract?.CurrentOwnerId ?? Guid.Empty, contract?.CurrentOwnerId ?? Guid.Empty, null, null,
        p.ReceivedOn, p.Amount, contract is not null, at);
}
