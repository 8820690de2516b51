using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Benchmarks;

/// <summary>
/// The baseline of a projection's catch-up: every row of the feed in feed order, 1,000 per query on one prepared statement, and
/// the rows of the projection's own event types deserialized to their registered type — the events the daemon's runner reads
/// and hands to the projection (it reads every row and skips the types the projection ignores, as this does).
/// </summary>
public static class RawFeedRead
{
    private const int Page = 1_000;

    /// <summary>Returns the time taken and how many rows were deserialized; throws when the feed does not hold <paramref name="expectedRows"/>.</summary>
    public static async Task<(TimeSpan Elapsed, long Handled)> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, Type> handled,
        JsonSerializerOptions json, long expectedRows)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        ulong tx = 0;
        long seq = 0;
        long rows = 0;
        long deserialized = 0;
        await using var cmd = new NpgsqlCommand(
            """
            select seq_id, tx_id, event_id, stream_id, version, event_type, schema_version, data::text, metadata::text, created_at
            from es.events where (tx_id, seq_id) > ($1, $2) order by tx_id, seq_id limit $3
            """, connection);
        var txParameter = new NpgsqlParameter { Value = tx, NpgsqlDbType = NpgsqlDbType.Xid8 };
        var seqParameter = new NpgsqlParameter<long> { TypedValue = seq };
        cmd.Parameters.Add(txParameter);
        cmd.Parameters.Add(seqParameter);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Page });
        await cmd.PrepareAsync();
        while (true)
        {
            txParameter.Value = tx;
            seqParameter.TypedValue = seq;
            var read = 0;
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    read++;
                    seq = reader.GetInt64(0);
                    tx = reader.GetFieldValue<ulong>(1);
                    if (!handled.TryGetValue(reader.GetString(5), out var type)) continue;
                    GC.KeepAlive(JsonSerializer.Deserialize(reader.GetString(7), type, json));
                    deserialized++;
                }
            }
            if (read == 0) break;
            rows += read;
        }
        if (rows != expectedRows) throw new InvalidOperationException($"Raw read saw {rows} events, expected {expectedRows}.");
        return (clock.Elapsed, deserialized);
    }
}
