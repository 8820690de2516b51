using Crm.EventStore.Projections;

namespace Crm.EventStore.Tests;

/// <summary>
/// A check (a <see cref="StreamAppend"/> without events, issue 13): a decision that read another stream appends only if that stream
/// is still at the version read, without writing to it. What keeps a contact from being created under a customer transferred meanwhile.
/// </summary>
public sealed class version_checks(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task a_check_that_holds_appends_and_reports_the_checked_version_unchanged()
    {
        var customer = await NewStreamAsync(events: 2);
        var contact = Guid.CreateVersion7();

        var result = await Store.AppendAsync(
        [
            StreamAppend.Start(contact, "contact", new ItemAdded("contact", 1)),
            StreamAppend.Check(customer, "customer", ExpectedVersion.Exactly(2)),
        ]);

        Assert.Equal([1L, 2L], result.Versions);
        Assert.Single(result.Sequences);
        Assert.Equal(2, (await Store.GetStreamAsync(customer))!.Version);
        Assert.Equal(2, (await Store.ReadStreamAsync(customer)).Count);
        Assert.Single(await Store.ReadStreamAsync(contact));
    }

    [Fact]
    public async Task a_checked_stream_that_moved_on_refuses_the_whole_append_and_nothing_is_written()
    {
        // The decision read the customer at 1; another command moved it on before the append.
        var customer = await NewStreamAsync(events: 1);
        var read = (await Store.GetStreamAsync(customer))!.Version;
        await Store.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(read), [new ItemAdded("transferred", 1)]));
        var existing = await NewStreamAsync(events: 1);
        var contact = Guid.CreateVersion7();

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(
        [
            StreamAppend.Start(contact, "contact", new ItemAdded("contact", 1)),
            new StreamAppend(existing, "contact", ExpectedVersion.Exactly(1), [new ItemAdded("edited", 1)]),
            StreamAppend.Check(customer, "customer", ExpectedVersion.Exactly(read)),
        ]));

        Assert.Equal((customer, ExpectedVersion.Exactly(1), 2L), (conflict.StreamId, conflict.Expected, conflict.Actual));
        Assert.Null(await Store.GetStreamAsync(contact));
        Assert.Single(await Store.ReadStreamAsync(existing));
        Assert.Equal(2, (await Store.GetStreamAsync(customer))!.Version);
    }

    [Fact]
    public async Task a_no_stream_check_passes_while_the_stream_is_absent_and_fails_once_it_exists()
    {
        var absent = Guid.CreateVersion7();
        var passed = await Store.AppendAsync(
            [StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("a", 1)), StreamAppend.Check(absent, "customer", ExpectedVersion.NoStream)]);
        Assert.Equal([1L, 0L], passed.Versions);
        Assert.Null(await Store.GetStreamAsync(absent));

        var present = await NewStreamAsync(events: 1);
        var exists = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(
            [StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("b", 1)), StreamAppend.Check(present, "customer", ExpectedVersion.NoStream)]));
        Assert.Equal((present, 1L), (exists.StreamId, exists.Actual));

        var missing = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(
            [StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("c", 1)), StreamAppend.Check(absent, "customer", ExpectedVersion.Exactly(3))]));
        Assert.Equal((absent, 0L), (missing.StreamId, missing.Actual));
    }

    [Fact]
    public async Task a_replayed_keyed_append_with_a_check_answers_the_first_result_even_after_the_checked_stream_moved()
    {
        var customer = await NewStreamAsync(events: 1);
        var contact = Guid.CreateVersion7();
        var options = new AppendOptions { IdempotencyKey = "check-" + Guid.NewGuid(), RequestHash = "h", Result = """{"id":1}""" };
        IReadOnlyList<StreamAppend> appends =
            [StreamAppend.Start(contact, "contact", new ItemAdded("contact", 1)), StreamAppend.Check(customer, "customer", ExpectedVersion.Exactly(1))];

        var first = await Store.AppendAsync(appends, options);
        await Store.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(1), [new ItemAdded("transferred", 1)]));
        var again = await Store.AppendAsync(appends, options);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal([1L, 1L], again.Versions);
        Assert.Equal(first.Sequences, again.Sequences);
        Assert.Single(await Store.ReadStreamAsync(contact));
    }

    [Fact]
    public async Task an_append_to_the_checked_stream_waits_for_the_checking_append_then_moves_on_from_the_version_it_left()
    {
        var customer = await NewStreamAsync(events: 1);
        var gate = new Gate();
        var holding = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [gate]);

        // The checking append holds its share lock while its inline projection waits at the gate.
        var checking = holding.AppendAsync([StreamAppend.Start(Guid.CreateVersion7(), "contact", new CounterIncremented(1)),
            StreamAppend.Check(customer, "customer", ExpectedVersion.Exactly(1))]);
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var transfer = Store.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(1), [new ItemAdded("transferred", 1)]));
        await Task.Delay(300);
        Assert.False(transfer.IsCompleted, "An append to the checked stream must wait for the checking append's commit.");

        gate.Open.SetResult();
        await checking;
        Assert.Equal([2L], (await transfer.WaitAsync(TimeSpan.FromSeconds(20))).Versions);
    }

    [Fact]
    public async Task a_check_waits_for_an_append_in_flight_on_its_stream_and_is_refused_when_that_one_commits()
    {
        var customer = await NewStreamAsync(events: 1);
        var gate = new Gate();
        var holding = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [gate]);

        // The transfer has moved the customer's row and waits at the gate before its commit.
        var transfer = holding.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(1), [new CounterIncremented(1)]));
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var contact = Guid.CreateVersion7();
        var checking = Store.AppendAsync(
            [StreamAppend.Start(contact, "contact", new ItemAdded("contact", 1)), StreamAppend.Check(customer, "customer", ExpectedVersion.Exactly(1))]);
        await Task.Delay(300);
        Assert.False(checking.IsCompleted, "A check must wait for the append in flight on its stream.");

        gate.Open.SetResult();
        await transfer;
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => checking.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal((customer, 2L), (conflict.StreamId, conflict.Actual));
        Assert.Null(await Store.GetStreamAsync(contact));
    }

    [Fact]
    public async Task two_appends_that_each_check_the_stream_the_other_writes_never_both_pass()
    {
        // Write skew: each reads both streams at 1 and changes one of them. Serialised, the second must see the first's change.
        for (var round = 0; round < 20; round++)
        {
            var (x, y) = (await NewStreamAsync(events: 1), await NewStreamAsync(events: 1));
            var outcomes = await Task.WhenAll(
                Task.Run(() => PassesAsync(write: x, check: y)),
                Task.Run(() => PassesAsync(write: y, check: x)));
            Assert.Equal(1, outcomes.Count(passed => passed));
        }
    }

    [Fact]
    public async Task a_check_needs_a_version_and_an_append_of_checks_only_is_refused()
    {
        Assert.Throws<ArgumentException>(() => StreamAppend.Check(Guid.CreateVersion7(), "customer", ExpectedVersion.Any));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.AppendAsync([StreamAppend.Check(Guid.CreateVersion7(), "customer", ExpectedVersion.NoStream)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(
            [new StreamAppend(Guid.CreateVersion7(), "customer", ExpectedVersion.Any, []),
                StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("a", 1))]));
    }

    private async Task<bool> PassesAsync(Guid write, Guid check)
    {
        try
        {
            await Store.AppendAsync([new StreamAppend(write, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("skew", 1)]),
                StreamAppend.Check(check, "cart", ExpectedVersion.Exactly(1))]);
            return true;
        }
        catch (ConcurrencyException)
        {
            return false;
        }
    }

    private async Task<Guid> NewStreamAsync(int events)
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(new StreamAppend(id, "customer", ExpectedVersion.NoStream,
            Enumerable.Range(1, events).Select(i => (object)new ItemAdded("v" + i, i)).ToList()));
        return id;
    }

    /// <summary>An inline projection that holds its append's transaction open (its locks with it) until the test opens it.</summary>
    private sealed class Gate : IProjection
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name => "gate";
        public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CounterIncremented)];

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
        {
            Reached.TrySetResult();
            await Open.Task.WaitAsync(ct);
        }

        public Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
    }
}
