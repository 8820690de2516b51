using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    // A snapshot and the events after it in one statement, so both come from one database snapshot: a snapshot written between
    // two statements could otherwise be laid under events already past it. The snapshot row, if any, has no event type.
    private const string SnapshotLoadSql =
        $"""
        with s as (select version, data from es.snapshots where stream_id = @id and state_key = @key)
        select 0::bigint, null::xid8, null::uuid, null::uuid, s.version, null::text, null::int, s.data::text, null::text, null::timestamptz from s
        union all
        select {EventColumns} from es.events where stream_id = @id and version > coalesce((select version from s), 0)
        order by 5
        """;

    // A state folded from events read before an erasure of the stream committed still holds the erased values: never kept.
    private const string SnapshotSaveSql =
        """
        insert into es.snapshots (stream_id, state_key, version, data)
        select @id, @key, @version, @data::jsonb
         where not exists (select 1 from es.erasures where stream_id = @id and version > @version)
        on conflict (stream_id) do update set state_key = excluded.state_key, version = excluded.version, data = excluded.data, created_at = now()
         where es.snapshots.state_key <> excluded.state_key or es.snapshots.version <= excluded.version
        """;

    // State types whose JSON does not come back the same: never snapshotted (a lossy snapshot would change decisions).
    private readonly ConcurrentDictionary<string, bool> unfaithfulSnapshots = new();

    /// <summary>
    /// The stream's current state folded from its snapshot (when <paramref name="policy"/>'s key matches) and the events after it;
    /// null when the stream does not exist. Writes a new snapshot when it folded at least <see cref="SnapshotPolicy.Every"/> events.
    /// The state is serialized with the registry's options and kept only if it reads back to the same JSON.
    /// </summary>
    public async Task<(TState State, long Version)?> AggregateStreamAsync<TState>(
        Guid streamId, TState initial, Func<TState, StoredEvent, TState> evolve, SnapshotPolicy policy, CancellationToken ct = default)
    {
        var state = initial;
        long version = 0;
        var folded = 0;
        var unreadable = false;
        await using (var connection = await DataSource.OpenConnectionAsync(ct))
        {
            await using var cmd = new NpgsqlCommand(SnapshotLoadSql, connection);
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", streamId));
            cmd.Parameters.Add(new NpgsqlParameter<string>("key", policy.Key));
            await cmd.PrepareAsync(ct);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(5))
                {
                    if (!TryFromSnapshot<TState>(reader.GetString(7), out var snapshot))
                    {
                        unreadable = true; // fold the whole stream below
                        break;
                    }
                    (state, version) = (snapshot, reader.GetInt64(4));
                    continue;
                }
                var e = ToStoredEvent(reader);
                state = evolve(state, e);
                version = e.Version;
                folded++;
            }
        }
        if (unreadable) return await FoldAllAndSnapshotAsync(streamId, initial, evolve, policy, ct);
        if (version == 0) return null;
        if (folded >= policy.Every) await SaveSnapshotAsync(streamId, state, version, policy, ct);
        return (state, version);
    }

    private async Task<(TState State, long Version)?> FoldAllAndSnapshotAsync<TState>(
        Guid streamId, TState initial, Func<TState, StoredEvent, TState> evolve, SnapshotPolicy policy, CancellationToken ct)
    {
        if (await AggregateStreamAsync(streamId, initial, evolve, ct: ct) is not { } loaded) return null;
        await SaveSnapshotAsync(streamId, loaded.State, loaded.Version, policy, ct);
        return loaded;
    }

    /// <summary>The snapshot's state; false for a JSON null, a state JSON cannot carry, or a snapshot that no longer fits.</summary>
    private bool TryFromSnapshot<TState>(string json, out TState state)
    {
        state = default!;
        try
        {
            if (JsonSerializer.Deserialize<TState>(json, Registry.SerializerOptions) is not { } read) return false;
            state = read;
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return false; // fold the stream instead
        }
    }

    /// <summary>The state's JSON when it reads back to the same JSON; null when it does not, or cannot be written at all.</summary>
    private string? Faithful<TState>(TState state)
    {
        try
        {
            var json = JsonSerializer.Serialize(state, Registry.SerializerOptions);
            return TryFromSnapshot<TState>(json, out var back) && JsonSerializer.Serialize(back, Registry.SerializerOptions) == json ? json : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private async Task SaveSnapshotAsync<TState>(Guid streamId, TState state, long version, SnapshotPolicy policy, CancellationToken ct)
    {
        if (unfaithfulSnapshots.ContainsKey(policy.Key)) return;
        if (Faithful(state) is not { } json)
        {
            unfaithfulSnapshots[policy.Key] = true;
            return;
        }
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            // An erasure in flight holds the stream's row (its append moved the version): waited for here, so the save's own statement,
            // which reads a new snapshot, sees its es.erasures row (one statement alone would judge by a snapshot taken before it).
            await using (var wait = new NpgsqlCommand("select 1 from es.streams where stream_id = @id for share", connection, tx))
            {
                wait.Parameters.Add(new NpgsqlParameter<Guid>("id", streamId));
                await wait.ExecuteNonQueryAsync(ct);
            }
            await using var cmd = new NpgsqlCommand(SnapshotSaveSql, connection, tx);
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", streamId));
            cmd.Parameters.Add(new NpgsqlParameter<string>("key", policy.Key));
            cmd.Parameters.Add(new NpgsqlParameter<long>("version", version));
            cmd.Parameters.Add(new NpgsqlParameter<string>("data", json));
            await cmd.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (NpgsqlException) when (!ct.IsCancellationRequested)
        {
            // A snapshot is derived data: failing to keep one must not fail the command that loaded the state.
        }
    }
}
