using Crm.Projections.Tables;
using Npgsql;
using static Crm.Projections.Classification.CustomerClassSql;

namespace Crm.Projections.Classification;

/// <summary>The classes and facts of a page of customers, in one round trip (the facts and the spend rows, by primary key).</summary>
public static class CustomerClassQueries
{
    private static readonly string PageSql =
        $"""
        select c.id, f.contract_count, f.first_contract_at, f.last_contract_at, f.payment_count, f.last_payment_on,
            {Recency("c.id")} as recency, {Frequency("c.id")} as frequency, {Monetary("c.id")} as monetary
        from unnest(@ids) as c(id) join crm.customer_facts f on f.customer_id = c.id
        """;

    private const string SpendSql =
        "select customer_id, currency, contract_amount, payments_received from crm.customer_spend where customer_id = any(@ids) order by currency";

    /// <summary>Every id's classification; a customer without deals or payments gets <see cref="CustomerClassification.None"/>.</summary>
    public static async Task<IReadOnlyDictionary<Guid, CustomerClassification>> OfAsync(
        NpgsqlDataSource dataSource, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var found = ids.Distinct().ToDictionary(id => id, _ => CustomerClassification.None);
        if (found.Count == 0) return found;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PageSql) { Parameters = { new NpgsqlParameter<Guid[]>("ids", [.. found.Keys]) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(SpendSql) { Parameters = { new NpgsqlParameter<Guid[]>("ids", [.. found.Keys]) } });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            found[r.Id("id")] = new CustomerClassification(r.Int("contract_count"), r.TimeOrNull("first_contract_at"), r.TimeOrNull("last_contract_at"),
                r.Int("payment_count"), r.Value<DateOnly?>("last_payment_on"), [], r.Value<int?>("recency"), r.Value<int?>("frequency"),
                r.Value<int?>("monetary"));
        }
        await reader.NextResultAsync(ct);
        var spend = new Dictionary<Guid, List<CustomerSpend>>();
        while (await reader.ReadAsync(ct))
        {
            var id = r.Id("customer_id");
            (spend.TryGetValue(id, out var list) ? list : spend[id] = []).Add(
                new CustomerSpend(r.Text("currency"), r.Value<decimal>("contract_amount"), r.Value<decimal>("payments_received")));
        }
        foreach (var (id, list) in spend) found[id] = found[id] with { Spend = list };
        return found;
    }
}
