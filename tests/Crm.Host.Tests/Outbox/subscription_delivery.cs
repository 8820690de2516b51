using Crm.Events.Customers;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.EventStore.Subscriptions;
using Crm.Host.Outbox;
using Crm.Host.Tests.Identity;
using Crm.Projections.Notifications;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Outbox;

/// <summary>
/// A subscription's messages are stored in the transaction that moves its checkpoint (Wolverine's outbox enlisted in the daemon's Npgsql
/// transaction): a batch that fails after handing messages over stores none of them, its re-run stores each once, and Wolverine delivers
/// each to the real handler. Real PostgreSQL, real Wolverine; the subscription under test is a test one sending the real message.
/// </summary>
public sealed class subscription_delivery(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Sends one notification per customer created under a name prefix; fails its first attempts after sending.</summary>
    private sealed class Flaky(ISubscriptionOutbox outbox, string name, string prefix, int failures) : Subscription(outbox)
    {
        public int Attempts;

        public override string Name => name;

        public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CustomerCreated)];

        protected override async Task HandleAsync(IReadOnlyList<StoredEvent> events, SubscriptionBatch batch, CancellationToken ct)
        {
            foreach (var e in events)
            {
                if (e.Data is not CustomerCreated x || !x.Fields.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                await batch.SendAsync(e.EventId, new NotificationDue(e.EventId, x.OwnerId, "test", "customer", x.CustomerId, x.Fields.Name, null, null,
                    e.Timestamp), ct: ct);
            }
            // Stored in the transaction, then the batch fails: as if the node died before its commit.
            if (Interlocked.Increment(ref Attempts) <= failures) throw new InvalidOperationException("crash before the commit");
        }
    }

    /// <summary>An outbox that never hands messages to the queue after the commit: as if the node died right after it.</summary>
    private sealed class NeverFlushed(ISubscriptionOutbox inner) : ISubscriptionOutbox
    {
        public async ValueTask<IOutboxBatch> BeginAsync(NpgsqlTransaction transaction, CancellationToken ct) =>
            new Batch(await inner.BeginAsync(transaction, ct));

        private sealed class Batch(IOutboxBatch inner) : IOutboxBatch
        {
            public ValueTask SendAsync(Guid id, object message, DateTimeOffset? deliverAt, CancellationToken ct) =>
                inner.SendAsync(id, message, deliverAt, ct);

            public ValueTask SaveAsync(CancellationToken ct) => inner.SaveAsync(ct);

            public Task FlushAsync() => Task.CompletedTask;
        }
    }

    [Fact]
    public async Task a_batch_that_fails_after_handing_messages_over_stores_none_and_its_rerun_delivers_each_once()
    {
        var prefix = "Flaky " + Guid.NewGuid().ToString("N")[..6];
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++) created.Add((await host.Admin.CreatedAsync(Route, new { name = $"{prefix} {i}" })).Id());
        var subscription = new Flaky(host.Services.GetRequiredService<ISubscriptionOutbox>(), "test.flaky_" + prefix[6..], prefix, failures: 2);

        await RunAsync(subscription);

        Assert.True(subscription.Attempts >= 3, $"the batch failed {subscription.Attempts - 1} times, not 2");
        var events = await EventIdsAsync(created);
        await AssertDeliveredOnceAsync(subscription.Name, events, created);
    }

    [Fact]
    public async Task messages_a_host_committed_but_never_handed_to_its_queue_are_delivered_by_another_hosts_wolverine()
    {
        var prefix = "Orphan " + Guid.NewGuid().ToString("N")[..6];
        var created = new List<Guid>();
        for (var i = 0; i < 2; i++) created.Add((await host.Admin.CreatedAsync(Route, new { name = $"{prefix} {i}" })).Id());

        // A second host on the same database stores the messages (its node owns them), then stops before handing them over.
        var name = "test.orphan_" + prefix[7..];
        await using (var other = await AlbaHost.For<Program>(host.Configure))
        {
            var outbox = new NeverFlushed(other.Services.GetRequiredService<ISubscriptionOutbox>());
            var store = other.Services.GetRequiredService<EventStore.EventStore>();
            await using var daemon = new ProjectionDaemon(store, [new Flaky(outbox, name, prefix, failures: 0)],
                new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
            await daemon.StartAsync();
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
            await daemon.StopAsync();
            Assert.Equal(2, await PendingAsync(name, await EventIdsAsync(created)));
        }

        // The fixture's host (its own node) recovers what the stopped node left and delivers each once.
        await host.Services.GetRequiredService<OutboxStatus>().WaitForDrainAsync(TimeSpan.FromSeconds(60));
        await AssertDeliveredOnceAsync(name, await EventIdsAsync(created), created);
    }

    private async Task<long> PendingAsync(string subscription, List<Guid> events)
    {
        await using var cmd = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select count(*) from {OutboxSetup.Schema}.wolverine_incoming_envelopes where id = any(@ids) and status = 'Incoming'");
        cmd.Parameters.AddWithValue("ids", events.Select(e => Subscription.MessageId(subscription, 0, e)).ToArray());
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task RunAsync(Subscription subscription)
    {
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        await using var daemon = new ProjectionDaemon(store, [subscription],
            new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50), RetryDelay = TimeSpan.FromMilliseconds(10) });
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(await daemon.DeadLettersAsync(subscription.Name));
        await daemon.StopAsync();
        await host.Services.GetRequiredService<OutboxStatus>().WaitForDrainAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>One envelope per event under the subscription's id for it, handled; one notification row per event.</summary>
    private async Task AssertDeliveredOnceAsync(string subscription, List<Guid> events, List<Guid> customers)
    {
        var ids = events.Select(e => Subscription.MessageId(subscription, 0, e)).ToArray();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var envelopes = dataSource.CreateCommand(
            $"select status, count(*) from {OutboxSetup.Schema}.wolverine_incoming_envelopes where id = any(@ids) group by status"))
        {
            envelopes.Parameters.AddWithValue("ids", ids);
            await using var reader = await envelopes.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("Handled", (long)events.Count), (reader.GetString(0), reader.GetInt64(1)));
            Assert.False(await reader.ReadAsync());
        }
        await using var rows = dataSource.CreateCommand("select count(*) from crm.notifications where kind = 'test' and record_id = any(@ids)");
        rows.Parameters.AddWithValue("ids", customers.ToArray());
        Assert.Equal((long)customers.Count, (long)(await rows.ExecuteScalarAsync())!);
    }

    private async Task<List<Guid>> EventIdsAsync(List<Guid> customers)
    {
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var ids = new List<Guid>();
        foreach (var customer in customers) ids.Add((await store.ReadStreamAsync(customer)).Single(e => e.Data is CustomerCreated).EventId);
        return ids;
    }
}

/// <summary>A host of its own: the dead letter it leaves would fail every other test's CaughtUpAsync.</summary>
public sealed class DeadLetterHostFixture : HostFixture;

/// <summary>Retries and dead letters are Wolverine's: a message its handler always refuses ends in wolverine_dead_letters.</summary>
public sealed class outbox_dead_letters(DeadLetterHostFixture host) : IClassFixture<DeadLetterHostFixture>
{
    [Fact]
    public async Task a_message_its_handler_always_refuses_ends_as_a_dead_letter_after_its_retries_and_writes_nothing()
    {
        // A notification without a record type: crm.notifications refuses it (not null), on every attempt.
        var bad = new NotificationDue(Guid.CreateVersion7(), Guid.CreateVersion7(), "customer_transferred", null!, Guid.CreateVersion7(), "x", null,
            null, DateTimeOffset.UtcNow);
        var outbox = host.Services.GetRequiredService<ISubscriptionOutbox>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            var batch = await outbox.BeginAsync(tx, CancellationToken.None);
            await batch.SendAsync(bad.Id, bad, null, CancellationToken.None);
            await batch.SaveAsync(CancellationToken.None);
            await tx.CommitAsync();
            await batch.FlushAsync();
        }

        var status = host.Services.GetRequiredService<OutboxStatus>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        OutboxStatus.Counts counts;
        while ((counts = await status.ReadAsync()).DeadLetters == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no dead letter within 60 s");
            await Task.Delay(50);
        }
        Assert.Contains("record_type", counts.LastDeadLetter, StringComparison.Ordinal);
        Assert.Equal(0, counts.Pending);
        await using var rows = dataSource.CreateCommand("select count(*) from crm.notifications where id = @id");
        rows.Parameters.AddWithValue("id", bad.Id);
        Assert.Equal(0L, (long)(await rows.ExecuteScalarAsync())!);
        await using var attempts = dataSource.CreateCommand($"select count(*) from {OutboxSetup.Schema}.wolverine_dead_letters where id = @id");
        attempts.Parameters.AddWithValue("id", bad.Id);
        Assert.Equal(1L, (long)(await attempts.ExecuteScalarAsync())!);
    }
}
