using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>One deal of a customer (a won opportunity, or an approved contract); one row of crm.customer_deals.</summary>
/// <param name="OpportunityId">The deal's stream id: the opportunity's, or the contract's when <paramref name="Kind"/> is contract.</param>
public sealed record CustomerDealRow(
    Guid OpportunityId, Guid CustomerId, decimal Amount, string Currency, DateTimeOffset WonAt, DateTimeOffset CreatedAt,
    string Kind = CustomerDealRow.Opportunity)
{
    public const string Opportunity = "opportunity";
    public const string Contract = "contract";

    /// <summary>
    /// The row after an opportunity or contract event: written when an opportunity is won or a contract approved, gone when the
    /// opportunity is reopened or deleted, or the approved contract voided.
    /// </summary>
    public static CustomerDealRow? Evolve(CustomerDealRow? row, StoredEvent e) => e.Data switch
    {
        OpportunityWon w => new CustomerDealRow(w.OpportunityId, w.CustomerId, w.Amount.Amount, w.Amount.Currency, w.At, row?.CreatedAt ?? e.Timestamp),
        OpportunityReopened or OpportunityDeleted => null,
        ContractApproved a => new CustomerDealRow(a.ContractId, a.CustomerId, a.Amount.Amount, a.Amount.Currency, a.At, row?.CreatedAt ?? e.Timestamp,
            Contract),
        ContractVoided or ContractDeleted => null,
        _ => row,
    };
}

/// <summary>crm.customer_deals by column name.</summary>
internal sealed class CustomerDealSql() : RowBinder<CustomerDealRow>("opportunity_id",
    "opportunity_id", "customer_id", "amount", "currency", "won_at", "created_at", "deal_kind")
{
    public static readonly CustomerDealSql Binder = new();

    public override CustomerDealRow Read(RowReader r) => new(
        r.Id("opportunity_id"), r.Id("customer_id"), r.Value<decimal>("amount"), r.Text("currency"), r.Time("won_at"), r.Time("created_at"),
        r.Text("deal_kind"));

    public override void Write(CustomerDealRow row, RowValues v) =>
        v.Set("opportunity_id", row.OpportunityId).Set("customer_id", row.CustomerId).Set("amount", row.Amount)
            .Set("currency", row.Currency).Set("won_at", row.WonAt).Set("created_at", row.CreatedAt).Set("deal_kind", row.Kind);
}

/// <summary>crm.customer_deals, inline with the opportunity and contract streams, so a recycling run right after a deal sees it.</summary>
public sealed class CustomerDealsProjection() : TableProjection<CustomerDealRow>("crm.customer_deals", CustomerDealSql.Binder)
{
    public override string Name => "crm.customer_deals";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(OpportunityWon), typeof(OpportunityReopened), typeof(OpportunityDeleted), typeof(ContractApproved), typeof(ContractVoided),
        typeof(ContractDeleted),
    ];

    protected override CustomerDealRow? Evolve(CustomerDealRow? current, Guid key, StoredEvent e) => CustomerDealRow.Evolve(current, e);
}
