using Crm.EventStore.Rebuilds;
using Npgsql;

namespace Crm.Projections.Tests.Analytics;

/// <summary>
/// A blue/green rebuild drops the views over the tables it swaps and makes them again (ShadowSchema.SwapInAsync): the analytics
/// views come back the same, with their comments and the analyst's grant, with no ops/analyst-role run.
/// </summary>
public sealed class rebuilding_a_read_model_under_the_views(AnalyticsDatabase db) : IClassFixture<AnalyticsDatabase>
{
    private const string Shape =
        """
        select pg_get_viewdef('analytics.customers'::regclass) || obj_description('analytics.customers'::regclass, 'pg_class')
               || (select string_agg(a.attname || ': ' || col_description(a.attrelid, a.attnum), ', ' order by a.attnum)
                     from pg_attribute a where a.attrelid = 'analytics.customers'::regclass and a.attnum > 0)
        """;

    [Fact]
    public async Task the_views_over_a_rebuilt_table_keep_their_definition_comments_and_grants()
    {
        var before = await ShapeAsync();
        var store = new EventStore.EventStore(db.Database.DataSource, CrmEventTypes.CreateRegistry(), CrmProjections.Inline());

        // The seed wrote rows, not events: the rebuilt crm.customers is empty, which shows that the swap really happened.
        await new InlineRebuilds(store).RebuildAsync("crm.customers");

        Assert.Equal(before, await ShapeAsync());
        await using var analyst = await db.AnalystConnectionAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from analytics.customers", analyst);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task every_inline_read_model_rebuilds_under_the_views_and_the_analyst_still_reads_them_all()
    {
        var store = new EventStore.EventStore(db.Database.DataSource, CrmEventTypes.CreateRegistry(), CrmProjections.Inline());
        var rebuilds = new InlineRebuilds(store);
        foreach (var projection in rebuilds.Names) await rebuilds.RebuildAsync(projection);

        await using var analyst = await db.AnalystConnectionAsync();
        foreach (var view in AnalyticsDoc.Views().Keys)
        {
            await using var cmd = new NpgsqlCommand($"select count(*) from {view}", analyst);
            await cmd.ExecuteScalarAsync();
        }
    }

    private async Task<string> ShapeAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand(Shape);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
