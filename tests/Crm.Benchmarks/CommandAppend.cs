using System.Text.Json;
using Crm.EventStore;
using Crm.EventStore.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 1c: one event per transaction as a command appends it — an idempotency key with its request hash (the command
/// log row) and an inline projection kept in the same transaction (the customer summary of figure 4) — beside the same
/// writes by hand: the stream's compare-and-set, the event, the command log row and the summary row by an incremental
/// upsert (no read first), in one NpgsqlBatch on the baseline's tables. Figure 1 is the bare append, which no command sends.
/// </summary>
public static class CommandAppend
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The hand-written side's summary table, beside the projection's (the raw schema is re-created after migrations).</summary>
    public static Migration RawSummaryMigration { get; } = new("bench", 2, "raw_customer_summary",
        "create table bench_read.raw_customer_summary (like bench_read.customer_summary including all);");

    public static IReadOnlyList<Migration> Migrations { get; } = [CustomerSummaryProjection.Migration, RawSummaryMigration];

    /// <summary>
    /// Both sides' connections, as the host makes them: statements a connection runs several times are prepared (the host's Max Auto
    /// Prepare, DatabaseSetup) — the projection's, which the engine does not prepare itself, included. The hand-written side prepares
    /// its batch explicitly either way.
    /// </summary>
    public static NpgsqlDataSource DataSource(BenchDatabase db) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.PooledConnectionString)
        {
            MaxAutoPrepare = Crm.Host.Platform.DatabaseSetup.DefaultMaxAutoPrepare,
        }.ConnectionString);

    public static EventStore.EventStore Store(NpgsqlDataSource dataSource) => new(dataSource, Workload.Registry(), [new CustomerSummaryProjection()]);

    public static AppendOptions Options() => new() { IdempotencyKey = Guid.CreateVersion7().ToString("N"), RequestHash = "sha256:bench" };

    /// <summary>Both sides write the same rows for a new stream and a second event: the summary row and two command log rows each.</summary>
    public static async Task CheckSameWritesAsync(BenchDatabase db, NpgsqlDataSource dataSource, EventStore.EventStore store)
    {
        await db.ResetAsync(Migrations);
        var (raw, ours) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await RawAsync(dataSource, raw, 0, Workload.EventAt(1, 1));
        await RawAsync(dataSource, raw, 1, Workload.EventAt(2, 1));
        await store.AppendAsync(StreamAppend.Start(ours, Workload.StreamType, Workload.EventAt(1, 1)), Options());
        await store.AppendAsync(new StreamAppend(ours, Workload.StreamType, ExpectedVersion.Exactly(1), [Workload.EventAt(2, 1)]), Options());
        var a = await db.ScalarAsync<string>(
            $"select concat_ws('|', name, city, orders, total, version) from bench_read.raw_customer_summary where stream_id = '{raw}'");
        var b = await db.ScalarAsync<string>(
            $"select concat_ws('|', name, city, orders, total, version) from bench_read.customer_summary where stream_id = '{ours}'");
        var logs = await db.ScalarAsync<long>("select (select count(*) from raw.command_log) * 10 + (select count(*) from es.command_log)");
        if (a != b || logs != 22) throw new InvalidOperationException($"The command sides write differently: summary '{a}' vs '{b}', command logs {logs} (expected 2 and 2).");
    }

    /// <summary>The hand-written command: one round trip, one implicit transaction; the compare-and-set checked by its row count.</summary>
    public static async Task RawAsync(NpgsqlDataSource dataSource, Guid streamId, long current, object e)
    {
        var version = current + 1;
        var (type, name, city, amount) = e switch
        {
            CustomerRegistered r => (Workload.RegisteredName, r.Name, r.City, 0m),
            OrderPlaced o => (Workload.OrderPlacedName, "", "", o.Amount),
            _ => throw new ArgumentException("unknown event", nameof(e)),
        };
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(current == 0
            ? new NpgsqlBatchCommand("insert into raw.streams (stream_id, stream_type, version) values ($1, $2, 1)")
            {
                Parameters = { new NpgsqlParameter<Guid> { TypedValue = streamId }, new NpgsqlParameter<string> { TypedValue = Workload.StreamType } },
            }
            : new NpgsqlBatchCommand("update raw.streams set version = $1, updated_at = now() where stream_id = $2 and version = $3")
            {
                Parameters =
                {
                    new NpgsqlParameter<long> { TypedValue = version },
                    new NpgsqlParameter<Guid> { TypedValue = streamId },
                    new NpgsqlParameter<long> { TypedValue = current },
                },
            });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            with e as (
              insert into raw.events (event_id, stream_id, version, event_type, schema_version, data, metadata)
              values ($1, $2, $3, $4, 1, $5, '{}') returning seq_id)
            insert into raw.command_log (idempotency_key, request_hash, stream_ids, versions, seq_ids)
            select $6, $7, array[$2], array[$3], array_agg(seq_id) from e
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() },
                new NpgsqlParameter<Guid> { TypedValue = streamId },
                new NpgsqlParameter<long> { TypedValue = version },
                new NpgsqlParameter<string> { TypedValue = type },
                new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(e, e.GetType(), Json), NpgsqlDbType = NpgsqlDbType.Jsonb },
                new NpgsqlParameter<string> { TypedValue = Guid.CreateVersion7().ToString("N") },
                new NpgsqlParameter<string> { TypedValue = "sha256:bench" },
            },
        });
        batch.BatchCommands.Add(current == 0
            ? new NpgsqlBatchCommand(
                "insert into bench_read.raw_customer_summary (stream_id, name, city, orders, total, version) values ($1, $2, $3, 0, 0, $4)")
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = streamId },
                    new NpgsqlParameter<string> { TypedValue = name },
                    new NpgsqlParameter<string> { TypedValue = city },
                    new NpgsqlParameter<long> { TypedValue = version },
                },
            }
            : new NpgsqlBatchCommand(
                "update bench_read.raw_customer_summary set orders = orders + 1, total = total + $2, version = $3 where stream_id = $1")
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = streamId },
                    new NpgsqlParameter<decimal> { TypedValue = amount },
                    new NpgsqlParameter<long> { TypedValue = version },
                },
            });
        await batch.PrepareAsync(); // as the engine's statements and RawAppender's are
        await batch.ExecuteNonQueryAsync();
        if (batch.BatchCommands[0].RecordsAffected != 1) throw new InvalidOperationException($"Stream {streamId} is not at version {current}.");
    }
}
