using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Classification;
using Crm.Write.Classification;

namespace Crm.Host.Classification;

/// <summary>One currency's spend bounds.</summary>
/// <param name="Currency">ISO 4217 code in capitals (CNY, USD …); each currency once.</param>
/// <param name="Amounts">Four ascending amounts (more than 0, at most 2 decimals): below the first is class 1, from the last on class 5.</param>
public sealed record SpendBoundsDto([property: MustSend] string? Currency, [property: MustSend] IReadOnlyList<decimal>? Amounts);

/// <summary>
/// The thresholds of the customers' derived classes (CUS-10), the whole of them (PUT replaces them). Each list has four strictly
/// ascending bounds that cut five classes, 5 the best.
/// </summary>
/// <param name="RecencyDays">Days since the last approved contract (0 to 3650): at most the first is class 5, more than the last class 1.</param>
/// <param name="FrequencyCounts">Counted contracts (1 to 100000): fewer than the first is class 1, at least the last class 5.</param>
/// <param name="MonetaryBasis">What spend measures: contracts (approved contract amounts, not voided) or payments (approved payments).</param>
/// <param name="Monetary">Spend bounds per currency, at most 20; spend in a currency without bounds is not classed (amounts are never converted).</param>
public sealed record CustomerClassesDto(
    [property: MustSend] IReadOnlyList<int>? RecencyDays, [property: MustSend] IReadOnlyList<int>? FrequencyCounts,
    [property: MustSend, WireValues(typeof(CustomerClassThresholds), nameof(CustomerClassThresholds.Bases))] string? MonetaryBasis,
    [property: MustSend] IReadOnlyList<SpendBoundsDto>? Monetary)
{
    public ChangeCustomerClasses Command() => new(RecencyDays, FrequencyCounts, MonetaryBasis,
        Monetary?.Select(m => new SpendBoundsInput(m?.Currency, m?.Amounts)).ToList());

    public static CustomerClassesDto From(CustomerClassThresholds t) => new(t.RecencyDays, t.FrequencyCounts, t.MonetaryBasis,
        [.. t.Monetary.Select(m => new SpendBoundsDto(m.Currency, m.Amounts))]);
}

/// <summary>What a customer spent in one currency.</summary>
/// <param name="ContractAmount">Approved contracts that are not voided.</param>
/// <param name="PaymentsReceived">Approved payments.</param>
public sealed record CustomerSpendResponse(string Currency, decimal ContractAmount, decimal PaymentsReceived);

/// <summary>
/// A customer's derived classes (CUS-10) and the facts they come from, as of the last daemon pass (the facts trail writes by a
/// moment); classes are computed when read, from today and the thresholds configured now (GET /api/settings/customer-classes).
/// </summary>
/// <param name="Recency">1–5 by days since the last counted contract (5: most recent); null without one.</param>
/// <param name="Frequency">1–5 by the number of counted contracts (5: most); null without one.</param>
/// <param name="Monetary">1–5 by spend, the best class over the currencies that have bounds; null without spend in such a currency.</param>
/// <param name="ContractCount">Approved contracts that are not voided or deleted. This and the facts below: null (spend empty) unless you may
/// list every contract and payment (contract.list and payment.list over everyone), since they count any owner's.</param>
/// <param name="FirstContractAt">Approval of the first counted contract.</param>
/// <param name="LastContractAt">Approval of the last counted contract.</param>
/// <param name="PaymentCount">Approved payments.</param>
/// <param name="LastPaymentOn">The day the last approved payment was received.</param>
/// <param name="Spend">Per currency, never added across currencies.</param>
public sealed record CustomerClassesResponse(
    int? Recency, int? Frequency, int? Monetary, int? ContractCount, DateTimeOffset? FirstContractAt, DateTimeOffset? LastContractAt,
    int? PaymentCount, DateOnly? LastPaymentOn, IReadOnlyList<CustomerSpendResponse> Spend)
{
    /// <summary>
    /// The classes for everyone who sees the customer; the facts under them (counts, dates, spend) only for a caller who may list
    /// every contract and payment: they sum contracts and payments of any owner, which a narrower contract.list or payment.list
    /// scope must not reveal (the facts are then null and the spend empty).
    /// </summary>
    public static CustomerClassesResponse For(Crm.Write.Caller caller, CustomerClassification c)
    {
        if (Crm.Write.Classification.ClassFacts.VisibleTo(caller))
        {
            return new CustomerClassesResponse(c.Recency, c.Frequency, c.Monetary, c.ContractCount, c.FirstContractAt, c.LastContractAt, c.PaymentCount,
                c.LastPaymentOn, [.. c.Spend.Select(s => new CustomerSpendResponse(s.Currency, s.ContractAmount, s.PaymentsReceived))]);
        }
        return new CustomerClassesResponse(c.Recency, c.Frequency, c.Monetary, null, null, null, null, null, []);
    }
}
