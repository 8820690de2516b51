using System.Text.Json;
using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore.Daemon;
using Crm.Projections.Opportunities;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Opportunities;

/// <summary>crm.opportunities, crm.opportunity_lines, crm.opportunity_team and their follow-ups, dropped and rebuilt from the events, come out identical.</summary>
public sealed class rebuilding_the_opportunity_read_models(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static readonly string[] Tables = ["crm.opportunities", "crm.opportunity_lines", "crm.opportunity_team", "crm.follow_ups"];
    private static readonly Guid Pipeline = Guid.CreateVersion7();
    private static readonly StageSnapshot Initial = new(Pipeline, Guid.CreateVersion7(), "Initial contact", 10m, StageOutcome.Open);
    private static readonly StageSnapshot Quotation = new(Pipeline, Guid.CreateVersion7(), "Quotation", 60m, StageOutcome.Open);
    private static readonly StageSnapshot Won = new(Pipeline, Guid.CreateVersion7(), "Won", 100m, StageOutcome.Won);
    private static readonly StageSnapshot Lost = new(Pipeline, Guid.CreateVersion7(), "Lost", 0m, StageOutcome.Lost);

    private static OpportunityLine Line(decimal quantity, decimal price) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), "Widget", "W-1", "piece", quantity, new Money(price, "CNY"), 0m,
            new Money(quantity * price, "CNY"));

    [Fact]
    public async Task every_opportunity_table_rebuilt_from_zero_equals_the_one_built_inline()
    {
        var (owner, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var customer = await db.GivenCustomerAsync(new CustomerFields("Opportunity customer"), owner);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            var lines = new[] { Line(i + 1, 10.50m), Line(2, 3.25m) };
            var custom = JsonSerializer.SerializeToElement(new { budget = 5000 + i });
            var fields = new OpportunityFields("Deal " + i, new DateOnly(2026, 4, 1 + i), "Fair", null, custom);
            await db.AppendAsync(id, "opportunity",
                new OpportunityCreated(id, customer, fields, lines, new Money(lines.Sum(l => l.Subtotal.Amount), "CNY"), false, owner, Initial, null, Day0),
                new OpportunityEdited(id, [new FieldChange("remark", null, "r" + i), new FieldChange("expectedCloseDate", "2026-04-0" + (1 + i), null)]),
                new OpportunityTeamMemberAdded(id, other, TeamAccess.Read),
                new OpportunityFollowedUp(id, customer, Guid.CreateVersion7(), "log", "x" + i, Day0.AddDays(9), Day0),
                new OpportunityStageAdvanced(id, Initial, Quotation, Day0.AddDays(1)));
            object[] more = (i % 3) switch
            {
                0 => [new OpportunityLinesChanged(id, [Line(1, 99m)], lines, new Money(99m, "CNY"), new Money(lines.Sum(l => l.Subtotal.Amount), "CNY")),
                    new OpportunityWon(id, customer, Quotation, Won, new Money(99m, "CNY"), Day0.AddDays(2))],
                1 => [new OpportunityAmountSet(id, new Money(1234.56m, "CNY"), new Money(0m, "CNY"), true),
                    new OpportunityLost(id, Quotation, Lost, "Budget cut", Day0.AddDays(3)), new OpportunityReopened(id, Lost, Quotation, Day0.AddDays(4)),
                    new OpportunityTeamMemberAccessChanged(id, other, TeamAccess.ReadWrite, TeamAccess.Read),
                    new OpportunityTransferred(id, other, owner, TeamAccess.Read, null, Day0.AddDays(5))],
                _ => [new OpportunityTeamMemberRemoved(id, other, TeamAccess.Read), new OpportunityDeleted(id)],
            };
            await db.AppendAsync(id, "opportunity", more);
        }
        var before = await SnapshotAsync();
        Assert.All(Tables, t => Assert.NotEmpty(before[t]));
        Assert.Equal(4, before["crm.opportunities"].Count(r => r.Contains("\"name\":\"Deal ", StringComparison.Ordinal)));
        Assert.Contains(before["crm.opportunities"], r => r.Contains("\"weighted_amount\":740.74", StringComparison.Ordinal));

        var projections = CrmProjections.Inline().Where(p => Tables.Contains(p.Name)).ToList();
        Assert.Equal(Tables.Length, projections.Count);
        await using var daemon = new ProjectionDaemon(db.Store, projections, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        foreach (var projection in projections)
        {
            await daemon.RebuildAsync(projection.Name);
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task the_row_read_back_and_the_row_folded_to_its_version_agree()
    {
        var owner = Guid.CreateVersion7();
        var id = Guid.CreateVersion7();
        var lines = new[] { Line(3, 10m) };
        await db.AppendAsync(id, "opportunity",
            new OpportunityCreated(id, Guid.CreateVersion7(), new OpportunityFields("Read back"), lines, new Money(30m, "CNY"), false, owner, Initial, null, Day0),
            new OpportunityStageAdvanced(id, Initial, Quotation, Day0));
        var queries = new OpportunityQueries(db.Database.DataSource, db.Store);
        var row = (await queries.GetAsync(id))!;
        var folded = (await queries.GetAsOfAsync(id, 2, null))!;
        Assert.Equal(row, folded with { Lines = null });
        Assert.Equal((18m, "Quotation"), (row.WeightedAmount, row.Stage.Name));
        Assert.Equal(lines.Select(l => l.Subtotal.Amount), (await queries.LinesAsync(id)).Select(l => l.Subtotal.Amount));
        Assert.Null(await queries.GetAsOfAsync(id, 1, Day0.AddDays(-1)));
    }

    /// <summary>A new opportunity event must move the row (its version is the ETag); forgetting one would leave it stale.</summary>
    [Fact]
    public void every_opportunity_event_is_handled_by_the_opportunities_projection()
    {
        var events = EventCatalogue.All.Select(e => e.Type)
            .Where(t => t.Namespace == typeof(OpportunityCreated).Namespace && t.Name.StartsWith("Opportunity", StringComparison.Ordinal)).ToList();
        Assert.Equal(14, events.Count);
        // The attachment events land in the opportunity's stream too and move its version.
        Assert.Equal([.. events, .. Crm.Projections.Attachments.AttachmentEventTypes.All], new OpportunitiesProjection().EventTypes);
    }

    private async Task<Dictionary<string, List<string>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
            await using var cmd = db.Database.DataSource.CreateCommand($"select row_to_json(t)::text from {table} t order by row_to_json(t)::text");
            var rows = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            snapshot[table] = rows;
        }
        return snapshot;
    }
}
