using System.Text.Json;
using Crm.Events;
using Crm.Events.Products;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Products;

namespace Crm.Projections.Tests.Products;

/// <summary>crm.products and crm.product_categories can be dropped and rebuilt from the history, and come out identical.</summary>
public sealed class rebuilding_the_product_read_models(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private static readonly string[] Tables = ["crm.products", "crm.product_categories"];

    [Fact]
    public async Task both_tables_rebuilt_from_zero_equal_the_ones_built_inline()
    {
        var (software, apps, gone) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await AppendAsync(software, "product-category", new ProductCategoryCreated(software, "Software", null));
        await AppendAsync(apps, "product-category", new ProductCategoryCreated(apps, "Apps", null), new ProductCategoryRenamed(apps, "Mobile apps", "Apps"),
            new ProductCategoryMoved(apps, software, null));
        await AppendAsync(gone, "product-category", new ProductCategoryCreated(gone, "Gone", software), new ProductCategoryDeleted(gone));

        var at = DateTimeOffset.Parse("2026-03-01T09:00:00Z");
        var custom = JsonDocument.Parse("""{"warranty":"1 year","seats":{"min":5}}""").RootElement.Clone();
        var (pro, lite, removed) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await AppendAsync(pro, "product", new ProductCreated(pro, new ProductFields("CRM Pro", "CRM-PRO", software, "seat", new Money(1280.00m, "CNY"),
                "Per seat", custom), at),
            new ProductEdited(pro, [new FieldChange("price", "1280.00 CNY", "1180.50 USD"), new FieldChange("categoryId", software.ToString(), apps.ToString())]),
            new ProductShelved(pro, at));
        await AppendAsync(lite, "product", new ProductCreated(lite, new ProductFields("CRM Lite", "CRM-LITE", null, null, new Money(0.00m, "CNY")), at),
            new ProductShelved(lite, at), new ProductUnshelved(lite, at), new ProductEdited(lite, [new FieldChange("custom", null, """{"a":[1,2]}""")]));
        await AppendAsync(removed, "product", new ProductCreated(removed, new ProductFields("Old", "OLD", null, null, new Money(1.00m, "CNY")), at),
            new ProductDeleted(removed, "OLD"));

        var before = await SnapshotAsync();
        Assert.Equal(2, before["crm.products"].Count);
        Assert.Equal(2, before["crm.product_categories"].Count);
        var names = Tables.ToHashSet(StringComparer.Ordinal);
        var projections = CrmProjections.Inline().Where(p => names.Contains(p.Name)).ToList();
        Assert.Equal(names.Count, projections.Count);
        await using var daemon = new ProjectionDaemon(db.Store, projections, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        foreach (var projection in projections) await daemon.RebuildAsync(projection.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync());
        var row = await new ProductQueries(db.Database.DataSource).GetAsync(pro);
        Assert.Equal((1180.50m, "USD", apps, true), (row!.Fields.Price.Amount, row.Fields.Price.Currency, row.Fields.CategoryId, row.OnShelf));
        Assert.Equal(5, row.Fields.Custom!.Value.GetProperty("seats").GetProperty("min").GetInt32());
    }

    private async Task AppendAsync(Guid id, string streamType, params object[] events) =>
        await db.Store.AppendAsync(new StreamAppend(id, streamType, ExpectedVersion.Any, events));

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
