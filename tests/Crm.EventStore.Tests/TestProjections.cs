using Crm.EventStore.Projections;
using Crm.EventStore.Schema;
using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>Read models the engine tests project into.</summary>
internal static class TestProjections
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new("engine-tests", 1, "test_read_models",
            """
            create schema test;
            create table test.quantity_by_item (name text primary key, quantity int not null);
            create table test.carts (stream_id uuid primary key, items int not null, quantity int not null, last_version bigint not null, names text not null);
            -- No unique key on purpose: a duplicate delivery must show up as a second row.
            create table test.cart_totals (projection text, stream_id uuid, quantity bigint not null, events int not null, primary key (projection, stream_id));
            create table test.seen (ordinal bigserial primary key, event_id uuid not null, stream_id uuid not null, version bigint not null, projection text not null);
            """),
    ];
}

public sealed record Cart(int Items, int Quantity, long LastVersion, string Names);

/// <summary>One row per cart stream.</summary>
public sealed class CartProjection(string name = "carts") : SingleStreamProjection<Cart>
{
    public override string Name => name;
    public override IReadOnlyList<string> Tables { get; } = ["test.carts"];
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ItemAdded), typeof(ItemRemoved)];

    protected override Cart? Evolve(Cart? current, Guid key, StoredEvent e) => e.Data switch
    {
        ItemAdded a => new Cart((current?.Items ?? 0) + 1, (current?.Quantity ?? 0) + a.Quantity, e.Version,
            current is null ? a.Name : current.Names + "," + a.Name),
        ItemRemoved r when current is not null => current with { Items = current.Items - 1, LastVersion = e.Version, Names = current.Names + ",-" + r.Name },
        _ => current,
    };

    protected override async Task<IReadOnlyDictionary<Guid, Cart>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("select stream_id, items, quantity, last_version, names from test.carts where stream_id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, Cart>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows[reader.GetGuid(0)] = new Cart(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetString(4));
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, Cart doc)
    {
        var cmd = batch.CreateBatchCommand();
        cmd.CommandText = """
            insert into test.carts (stream_id, items, quantity, last_version, names) values ($1, $2, $3, $4, $5)
            on conflict (stream_id) do update set items = excluded.items, quantity = excluded.quantity,
                last_version = excluded.last_version, names = excluded.names
            """;
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = key });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = doc.Items });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = doc.Quantity });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = doc.LastVersion });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = doc.Names });
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = batch.CreateBatchCommand();
        cmd.CommandText = "delete from test.carts where stream_id = $1";
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = key });
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate test.carts");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Records every event it is handed, in the order handed, so tests can check exactly-once and order.</summary>
/// <param name="trouble">An error to throw for an event (the failure policy's tests), or null.</param>
/// <param name="extraSql">A statement of the test's to add to the batch for an event (one the database refuses), or null.</param>
public sealed class RecorderProjection(
    string name = "recorder", Func<StoredEvent, bool>? poison = null, Func<StoredEvent, Exception?>? trouble = null,
    Func<StoredEvent, string?>? extraSql = null) : EventProjection
{
    public override string Name => name;
    // test.seen is shared by every recorder (rows keyed by projection name): no table of its own to rebuild beside the live one.
    public override IReadOnlyList<string> Tables => [];
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ItemAdded), typeof(ItemRemoved), typeof(CounterIncremented)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        if (poison?.Invoke(e) == true) throw new InvalidOperationException($"poison event {e.EventId}");
        if (trouble?.Invoke(e) is { } error) throw error;
        if (extraSql?.Invoke(e) is { } sql) batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        var cmd = batch.CreateBatchCommand();
        cmd.CommandText = "insert into test.seen (event_id, stream_id, version, projection) values ($1, $2, $3, $4)";
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("delete from test.seen where projection = @p");
        cmd.Parameters.AddWithValue("p", Name);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>An inline projection that fails the append transaction for items named "doomed".</summary>
public sealed class SaboteurProjection : IProjection
{
    public string Name => "saboteur";
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ItemAdded)];

    public Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct) =>
        events.Any(e => e.Data is ItemAdded { Name: "doomed" })
            ? throw new InvalidOperationException("rolled back on purpose")
            : Task.CompletedTask;

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
}
