namespace Crm.Projections.Classification;

/// <summary>What a customer spent in one currency: counted contract amounts and approved payments.</summary>
public sealed record CustomerSpend(string Currency, decimal ContractAmount, decimal PaymentsReceived);

/// <summary>A customer's CUS-10 facts and its classes (1–5, 5 the best; null where there is nothing to classify).</summary>
public sealed record CustomerClassification(
    int ContractCount, DateTimeOffset? FirstContractAt, DateTimeOffset? LastContractAt, int PaymentCount, DateOnly? LastPaymentOn,
    IReadOnlyList<CustomerSpend> Spend, int? Recency, int? Frequency, int? Monetary)
{
    public static CustomerClassification None { get; } = new(0, null, null, 0, null, [], null, null, null);
}
