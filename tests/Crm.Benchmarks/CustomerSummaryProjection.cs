using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.EventStore.Schema;
using Npgsql;

namespace Crm.Benchmarks;

public sealed record CustomerSummary(string Name, string City, int Orders, decimal Total, long Version)
{
    /// <summary>The fold of figure 4, one event at a time: shared by our daemon's projection and Marten's (MartenSide), so both do the same work.</summary>
    public static CustomerSummary? Next(CustomerSummary? current, object data, long version) => data switch
    {
        CustomerRegistered r => new CustomerSummary(r.Name, r.City, 0, 0m, version),
        OrderPlaced o when current is not null => current with { Orders = current.Orders + 1, Total = current.Total + o.Amount, Version = version },
        _ => current,
    };
}

/// <summary>
/// A realistic single-stream read model: one row per customer with typed columns a list page would
/// filter and sort on. Every event changes the row, so a rebuild writes each row once per batch that
/// touches its stream — the common case, not a best case where most events are skipped.
/// </summary>
public sealed class CustomerSummaryProjection : SingleStreamProjection<CustomerSummary>
{
    public const string ProjectionName = "bench.customer_summary";

    public static Migration Migration { get; } = new("bench", 1, "customer_summary",
        """
        create schema if not exists bench_read;
        create table bench_read.customer_summary (
            stream_id  uuid primary key,
            name       text          not null,
            city       text          not null,
            orders     int           not null,
            total      numeric(14,2) not null,
            version    bigint        not null
        );
        create index customer_summary_name on bench_read.customer_summary (name);
        """);

    public override string Name => ProjectionName;
    public override IReadOnlyList<string> Tables { get; } = ["bench_read.customer_summary"];

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CustomerRegistered), typeof(OrderPlaced)];

    protected override CustomerSummary? Evolve(CustomerSummary? current, Guid key, StoredEvent e) => CustomerSummary.Next(current, e.Data, e.Version);

    protected override async Task<IReadOnlyDictionary<Guid, CustomerSummary>> LoadAsync(
        IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            "select stream_id, name, city, orders, total, version from bench_read.customer_summary where stream_id = any($1)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = keys.ToArray() });
        var result = new Dictionary<Guid, CustomerSummary>(keys.Count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetGuid(0)] = new CustomerSummary(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetDecimal(4), reader.GetInt64(5));
        }
        return result;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, CustomerSummary doc)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            insert into bench_read.customer_summary (stream_id, name, city, orders, total, version) values ($1, $2, $3, $4, $5, $6)
            on conflict (stream_id) do update set name = excluded.name, city = excluded.city, orders = excluded.orders,
                total = excluded.total, version = excluded.version
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = key },
                new NpgsqlParameter<string> { TypedValue = doc.Name },
                new NpgsqlParameter<string> { TypedValue = doc.City },
                new NpgsqlParameter<int> { TypedValue = doc.Orders },
                new NpgsqlParameter<decimal> { TypedValue = doc.Total },
                new NpgsqlParameter<long> { TypedValue = doc.Version },
            },
        });
    }

    protected override void Delete(NpgsqlBatch batch, Guid key) =>
        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from bench_read.customer_summary where stream_id = $1")
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = key } },
        });

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate bench_read.customer_summary");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
