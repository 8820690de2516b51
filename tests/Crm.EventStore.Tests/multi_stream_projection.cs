using Crm.EventStore.Daemon;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>Quantity per item name across all carts: rows keyed by something other than a stream.</summary>
public sealed class QuantityByItem : MultiStreamProjection<QuantityByItem.Row, string>
{
    public sealed record Row(int Quantity);

    public override string Name => "quantity_by_item";
    public override IReadOnlyList<string> Tables { get; } = ["test.quantity_by_item"];
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ItemAdded)];

    protected override IEnumerable<string> KeysFor(StoredEvent e) => e.Data is ItemAdded a ? [a.Name] : [];

    protected override Row? Evolve(Row? current, string key, StoredEvent e) =>
        e.Data is ItemAdded a ? new Row((current?.Quantity ?? 0) + a.Quantity) : current;

    protected override async Task<IReadOnlyDictionary<string, Row>> LoadAsync(IReadOnlyCollection<string> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("select name, quantity from test.quantity_by_item where name = any(@k)");
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("k", keys.ToArray()));
        var rows = new Dictionary<string, Row>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows[reader.GetString(0)] = new Row(reader.GetInt32(1));
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, string key, Row doc)
    {
        var cmd = batch.CreateBatchCommand();
        cmd.CommandText = "insert into test.quantity_by_item (name, quantity) values ($1, $2) on conflict (name) do update set quantity = excluded.quantity";
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = doc.Quantity });
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, string key) => throw new InvalidOperationException("rows are never deleted");

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate test.quantity_by_item");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

public sealed class multi_stream_projection(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task rows_keyed_across_streams_add_up_every_event_once()
    {
        var store = fixture.Store;
        await using var daemon = DaemonFactory.Create(store, new QuantityByItem());
        await daemon.StartAsync();
        var carts = Enumerable.Range(0, 30).Select(_ => Guid.CreateVersion7()).ToList();
        await Task.WhenAll(carts.Select((id, i) => store.AppendAsync(StreamAppend.Start(id, "cart",
            new ItemAdded("pen", 1), new ItemAdded(i % 2 == 0 ? "ink" : "pad", 2), new ItemAdded("pen", 3)))));
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));

        var rows = await Sql.ListAsync(fixture.Database.DataSource, "select name, quantity from test.quantity_by_item order by name", r => (r.GetString(0), r.GetInt32(1)));
        Assert.Equal([("ink", 30), ("pad", 30), ("pen", 120)], rows);
    }

    [Fact]
    public async Task an_append_wakes_the_daemon_through_pg_notify_without_waiting_for_a_poll()
    {
        var store = fixture.Store;
        var options = DaemonFactory.FastOptions with { PollInterval = TimeSpan.FromMinutes(5) };
        await using var daemon = new ProjectionDaemon(store, [new RecorderProjection("notified")], options);
        var started = await Sql.ScalarAsync<DateTime>(fixture.Database.DataSource, "select now()");
        await daemon.StartAsync();
        // Before the append: this daemon's LISTEN ran (a pooled connection may still show an older daemon's),
        // and its leader, past its first (empty) poll, has sat idle longer than a loop turn takes: asleep, so
        // the event below can only be picked up through the notification (the next poll is 5 minutes away).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (daemon.LeaderProcessId("notified") is not { } pid || !await Sql.ScalarAsync<bool>(fixture.Database.DataSource,
                   $"""
                   select exists (select 1 from pg_stat_activity where datname = current_database() and query = 'listen {EventStore.NotificationChannel}'
                                      and state_change > @started)
                      and exists (select 1 from pg_stat_activity where pid = @pid and state = 'idle' and now() - state_change > interval '200 milliseconds')
                   """, ("pid", pid), ("started", started)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the daemon never settled into waiting");
            await Task.Delay(20);
        }
        var id = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("wake", 1)));

        deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from test.seen where stream_id = @id", ("id", id)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the notification did not wake the daemon");
            await Task.Delay(20);
        }
    }
}
