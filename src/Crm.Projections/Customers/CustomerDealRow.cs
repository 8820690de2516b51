using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>One won opportunity of a customer; one row of crm.customer_deals.</summary>
public sealed record CustomerDealRow(Guid OpportunityId, Guid CustomerId, decimal Amount, string Currency, DateTimeOffset WonAt, DateTimeOffset CreatedAt)
{
    /// <summary>The row after an opportunity event: written when won, gone when reopened or deleted.</summary>
    public static CustomerDealRow? Evolve(CustomerDealRow? row, StoredEvent e) => e.Data switch
    {
        OpportunityWon w => new CustomerDealRow(w.OpportunityId, w.CustomerId, w.Amount.Amount, w.Amount.Currency, w.At, row?.CreatedAt ?? e.Timestamp),
        OpportunityReopened or OpportunityDeleted => null,
        _ => row,
    };
}

/// <summary>crm.customer_deals by column name.</summary>
internal sealed class CustomerDealSql() : RowBinder<CustomerDealRow>("opportunity_id",
    "opportunity_id", "customer_id", "amount", "currency", "won_at", "created_at")
{
    public static readonly CustomerDealSql Binder = new();

    public override CustomerDealRow Read(RowReader r) => new(
        r.Id("opportunity_id"), r.Id("customer_id"), r.Value<decimal>("amount"), r.Text("currency"), r.Time("won_at"), r.Time("created_at"));

    public override void Write(CustomerDealRow row, RowValues v) =>
        v.Set("opportunity_id", row.OpportunityId).Set("customer_id", row.CustomerId).Set("amount", row.Amount)
            .Set("currency", row.Currency).Set("won_at", row.WonAt).Set("created_at", row.CreatedAt);
}

/// <summary>crm.customer_deals, inline with the opportunity stream, so a recycling run right after a win sees the deal.</summary>
public sealed class CustomerDealsProjection() : TableProjection<CustomerDealRow>("crm.customer_deals", CustomerDealSql.Binder)
{
    public override string Name => "crm.customer_deals";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(OpportunityWon), typeof(OpportunityReopened), typeof(OpportunityDeleted)];

    protected override CustomerDealRow? Evolve(CustomerDealRow? current, Guid key, StoredEvent e) => CustomerDealRow.Evolve(current, e);
}
