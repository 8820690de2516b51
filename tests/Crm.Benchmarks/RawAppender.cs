using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Benchmarks;

/// <summary>
/// The baseline write path: what a hand-written Npgsql appender does for the same rows. One
/// NpgsqlBatch (one round trip, one implicit transaction): the streams' compare-and-set
/// (INSERT for a new stream, UPDATE … WHERE version = current otherwise), then the events by one
/// INSERT … SELECT FROM unnest(arrays) — the engine's own insert shape (plain VALUES for a single event).
/// The compare-and-set is checked by its row count after the fact, which is cheaper than the engine's in-transaction check: the
/// baseline is, if anything, optimistic.
/// </summary>
public sealed class RawAppender(NpgsqlDataSource dataSource, bool notify = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string InsertEvents =
        """
        insert into raw.events (event_id, stream_id, version, event_type, schema_version, data, metadata)
        select * from unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
        """;

    /// <summary>Events to append to one stream at version current+1.. : a stream id, its current version and the events.</summary>
    public readonly record struct Append(Guid StreamId, long Current, IReadOnlyList<object> Events);

    public async Task AppendAsync(IReadOnlyList<Append> appends)
    {
        var total = 0;
        foreach (var a in appends) total += a.Events.Count;
        var eventIds = new Guid[total];
        var streamIds = new Guid[total];
        var versions = new long[total];
        var types = new string[total];
        var schemaVersions = new int[total];
        var data = new string[total];
        var metadata = new string[total];
        var i = 0;
        foreach (var a in appends)
        {
            for (var j = 0; j < a.Events.Count; j++, i++)
            {
                var e = a.Events[j];
                eventIds[i] = Guid.CreateVersion7();
                streamIds[i] = a.StreamId;
                versions[i] = a.Current + j + 1;
                types[i] = e is CustomerRegistered ? Workload.RegisteredName : Workload.OrderPlacedName;
                schemaVersions[i] = 1;
                data[i] = JsonSerializer.Serialize(e, e.GetType(), Json);
                metadata[i] = "{}";
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var expectUpdated = 0;
        if (appends.Count == 1)
        {
            // One stream: plain scalar statements, as a hand-written appender would send them.
            var a = appends[0];
            var cas = a.Current == 0
                ? new NpgsqlBatchCommand("insert into raw.streams (stream_id, stream_type, version) values ($1, $2, $3)")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = a.StreamId },
                        new NpgsqlParameter<string> { TypedValue = Workload.StreamType },
                        new NpgsqlParameter<long> { TypedValue = a.Events.Count },
                    },
                }
                : new NpgsqlBatchCommand("update raw.streams set version = $1, updated_at = now() where stream_id = $2 and version = $3")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long> { TypedValue = a.Current + a.Events.Count },
                        new NpgsqlParameter<Guid> { TypedValue = a.StreamId },
                        new NpgsqlParameter<long> { TypedValue = a.Current },
                    },
                };
            batch.BatchCommands.Add(cas);
            expectUpdated = 1;
        }
        else
        {
            var news = appends.Where(a => a.Current == 0).ToList();
            var olds = appends.Where(a => a.Current > 0).ToList();
            if (news.Count > 0)
            {
                var insert = new NpgsqlBatchCommand(
                    "insert into raw.streams (stream_id, stream_type, version) select id, $2, v from unnest($1::uuid[], $3::bigint[]) as u(id, v)");
                insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = news.Select(a => a.StreamId).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Workload.StreamType });
                insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = news.Select(a => (long)a.Events.Count).ToArray() });
                batch.BatchCommands.Add(insert);
            }
            if (olds.Count > 0)
            {
                var update = new NpgsqlBatchCommand(
                    """
                    update raw.streams s set version = u.next, updated_at = now()
                    from unnest($1::uuid[], $2::bigint[], $3::bigint[]) as u(id, cur, next)
                    where s.stream_id = u.id and s.version = u.cur
                    """);
                update.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = olds.Select(a => a.StreamId).ToArray() });
                update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = olds.Select(a => a.Current).ToArray() });
                update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = olds.Select(a => a.Current + a.Events.Count).ToArray() });
                batch.BatchCommands.Add(update);
            }
            expectUpdated = appends.Count;
        }
        batch.BatchCommands.Add(total == 1
            ? new NpgsqlBatchCommand(
                """
                insert into raw.events (event_id, stream_id, version, event_type, schema_version, data, metadata)
                values ($1, $2, $3, $4, $5, $6, $7)
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = eventIds[0] },
                    new NpgsqlParameter<Guid> { TypedValue = streamIds[0] },
                    new NpgsqlParameter<long> { TypedValue = versions[0] },
                    new NpgsqlParameter<string> { TypedValue = types[0] },
                    new NpgsqlParameter<int> { TypedValue = schemaVersions[0] },
                    new NpgsqlParameter<string> { TypedValue = data[0], NpgsqlDbType = NpgsqlDbType.Jsonb },
                    new NpgsqlParameter<string> { TypedValue = metadata[0], NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            }
            : EventsByUnnest(eventIds, streamIds, versions, types, schemaVersions, data, metadata));
        // Diagnostic variant: the engine's pg_notify in the same transaction, to show what it costs.
        if (notify) batch.BatchCommands.Add(new NpgsqlBatchCommand("select pg_notify('raw_events', '')"));
        // Prepared like the engine's append, so both sides pay the same parse and plan costs.
        await batch.PrepareAsync();
        await batch.ExecuteNonQueryAsync();

        var updated = 0L;
        for (var c = 0; c < batch.BatchCommands.Count - (notify ? 2 : 1); c++) updated += batch.BatchCommands[c].RecordsAffected;
        if (updated != expectUpdated)
            throw new InvalidOperationException("Baseline compare-and-set lost: a stream was changed by someone else.");
    }

    private static NpgsqlBatchCommand EventsByUnnest(
        Guid[] eventIds, Guid[] streamIds, long[] versions, string[] types, int[] schemaVersions, string[] data, string[] metadata)
    {
        var events = new NpgsqlBatchCommand(InsertEvents);
        events.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = eventIds });
        events.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = streamIds });
        events.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = versions });
        events.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        events.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = schemaVersions });
        events.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        events.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        return events;
    }
}
