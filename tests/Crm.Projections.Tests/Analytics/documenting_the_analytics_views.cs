using Npgsql;

namespace Crm.Projections.Tests.Analytics;

/// <summary>docs/analytics.md and schema analytics cannot drift apart, and its example queries cannot rot.</summary>
public sealed class documenting_the_analytics_views(AnalyticsDatabase db) : IClassFixture<AnalyticsDatabase>
{
    [Fact]
    public async Task every_view_and_its_columns_are_documented_in_order_with_their_types_and_nothing_else_is()
    {
        var inDatabase = await LinesAsync(
            """
            select c.table_schema || '.' || c.table_name || ': ' || c.column_name || ' ' || format_type(a.atttypid, a.atttypmod)
              from information_schema.columns c
              join pg_attribute a on a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass and a.attname = c.column_name
             where c.table_schema = 'analytics'
             order by c.table_name collate "C", c.ordinal_position
            """);
        var documented = AnalyticsDoc.Views().OrderBy(v => v.Key, StringComparer.Ordinal)
            .SelectMany(v => v.Value.Select(column => $"{v.Key}: {column}")).ToList();

        Assert.True(inDatabase.Count > 100, "schema analytics has its views");
        // One line per column, view by view: the first difference names the view, the column and its type.
        Assert.Equal(inDatabase, documented);
    }

    [Fact]
    public async Task schema_analytics_holds_views_only()
    {
        var kinds = await LinesAsync("select distinct relkind::text from pg_class where relnamespace = 'analytics'::regnamespace");
        Assert.Equal(["v"], kinds);
    }

    [Fact]
    public async Task every_view_and_column_has_a_comment()
    {
        var missing = await LinesAsync(
            """
            select c.relname from pg_class c
             where c.relnamespace = 'analytics'::regnamespace and obj_description(c.oid, 'pg_class') is null
            union all
            select c.relname || '.' || a.attname from pg_class c join pg_attribute a on a.attrelid = c.oid
             where c.relnamespace = 'analytics'::regnamespace and a.attnum > 0 and not a.attisdropped
               and col_description(c.oid, a.attnum) is null
            union all
            select 'schema analytics' where obj_description('analytics'::regnamespace, 'pg_namespace') is null
            """);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task every_example_query_of_the_doc_runs_as_the_analyst_and_answers_rows()
    {
        var examples = AnalyticsDoc.ExampleQueries();
        Assert.True(examples.Count >= 5, "docs/analytics.md has its examples");
        await using var analyst = await db.AnalystConnectionAsync();
        foreach (var sql in examples)
        {
            await using var cmd = new NpgsqlCommand(sql, analyst);
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "No rows from the seeded database:\n" + sql);
        }
    }

    private async Task<List<string>> LinesAsync(string sql)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
