using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Classification;

namespace Crm.Projections.Tests.Classification;

/// <summary>Deals on the store (approved contracts, approved payments) and the daemon running the facts projection over them.</summary>
internal sealed class ClassificationSeeds(ReadModelFixture db)
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static Func<Guid, object> Voided => id => new ContractVoided(id, "Cancelled", "approved", Now);

    /// <summary>A contract of the customer approved <paramref name="daysAgo"/> days ago, then the events <paramref name="after"/>.</summary>
    public async Task<Guid> ContractAsync(Guid customer, decimal amount, int daysAgo, string currency = "CNY", params object[] after)
    {
        var (id, submission) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var money = new Money(amount, currency);
        await db.Store.AppendAsync(StreamAppend.Start(id, "contract", [
            new ContractCreated(id, "HT-" + id.ToString("N")[^8..], customer, null, new ContractFields("Deal", null), [], money, true, Guid.Empty, Now),
            new ContractSubmitted(id, submission, Now),
            new ContractApproved(id, customer, submission, 2, money, Now.AddDays(-daysAgo)),
            .. after.Select(e => e is Func<Guid, object> of ? of(id) : e)]));
        return id;
    }

    public async Task PaymentAsync(Guid customer, Guid contract, decimal amount, string currency, DateOnly receivedOn)
    {
        var id = Guid.CreateVersion7();
        await db.Store.AppendAsync(StreamAppend.Start(id, "payment",
            new PaymentApproved(id, contract, customer, Guid.CreateVersion7(), 2, new Money(amount, currency), receivedOn, Now)));
    }

    public async Task<ProjectionDaemon> CaughtUpAsync()
    {
        var daemon = new ProjectionDaemon(db.Store, [new CustomerFactsProjection()], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        return daemon;
    }

    public Task<IReadOnlyDictionary<Guid, CustomerClassification>> ClassesAsync(params Guid[] customers) =>
        CustomerClassQueries.OfAsync(db.Database.DataSource, customers, default);

    /// <summary>Every row of the tables, as JSON, in a stable order.</summary>
    public async Task<List<string>> SnapshotAsync(IEnumerable<string> tables)
    {
        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var cmd = db.Database.DataSource.CreateCommand($"select row_to_json(t)::text from {table} t order by row_to_json(t)::text");
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(table + reader.GetString(0));
        }
        return rows;
    }
}
