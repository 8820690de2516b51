using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore.Daemon;
using Crm.Projections.Invoices;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Invoices;

/// <summary>crm.invoices dropped and rebuilt from the events comes out identical; the invoiced sum skips rejected and deleted invoices.</summary>
public sealed class rebuilding_the_invoice_read_model(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    [Fact]
    public async Task crm_invoices_rebuilt_from_zero_equals_the_one_built_inline()
    {
        var (contract, owner) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var fields = new InvoiceFields("Widget Co.", "91330100MA2AXXXX1K", InvoiceTypes.VatSpecial, "r");
        for (var i = 0; i < 5; i++)
        {
            var (id, submission) = (Guid.CreateVersion7(), Guid.CreateVersion7());
            var amount = new Money(100m + i, "CNY");
            await db.AppendAsync(id, "invoice", new InvoiceRequested(id, contract, Guid.CreateVersion7(), amount, fields, owner, owner, Day0),
                new InvoiceEdited(id, amount, fields with { Remark = null }, amount, fields), new InvoiceSubmitted(id, submission, Day0.AddDays(1)));
            object[] more = i switch
            {
                0 => [new InvoiceApproved(id, contract, submission, 3, amount, Day0.AddDays(2)), new InvoiceIssued(id, "No." + i, new DateOnly(2026, 1, 5), Day0)],
                1 => [new InvoiceRejected(id, submission, "No", Day0.AddDays(2))],
                2 => [new InvoiceWithdrawn(id, submission, Day0.AddDays(2)), new InvoiceDeleted(id)],
                _ => [new InvoiceApproved(id, contract, submission, 3, amount, Day0.AddDays(2))],
            };
            await db.AppendAsync(id, "invoice", more);
        }
        var queries = new InvoiceQueries(db.Database.DataSource, db.Store);
        Assert.Equal(100m + 103m + 104m, await queries.InvoicedAsync(contract, Guid.Empty));
        var before = await SnapshotAsync();
        Assert.Equal(4, before.Count);
        Assert.Contains(before, r => r.Contains("\"status\":\"issued\"", StringComparison.Ordinal) && r.Contains("\"issued_on\":\"2026-01-05\"",
            StringComparison.Ordinal));

        var projection = CrmProjections.Inline().Single(p => p.Name == "crm.invoices");
        await using var daemon = new ProjectionDaemon(db.Store, [projection], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync(projection.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>A new invoice event must move the row (its version is the ETag); forgetting one would leave it stale.</summary>
    [Fact]
    public void every_invoice_event_is_handled_by_the_invoices_projection() =>
        Assert.Equal(8, new InvoicesProjection().EventTypes.Count);

    private async Task<List<string>> SnapshotAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand(
            "select row_to_json(t)::text from crm.invoices t where tax_number = '91330100MA2AXXXX1K' order by row_to_json(t)::text");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
