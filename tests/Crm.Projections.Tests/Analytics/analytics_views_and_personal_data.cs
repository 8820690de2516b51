using System.Text.RegularExpressions;
using Npgsql;

namespace Crm.Projections.Tests.Analytics;

/// <summary>The views leave personal data out (docs/analytics.md, "Personal data") and read read-model tables only.</summary>
public sealed partial class analytics_views_and_personal_data(AnalyticsDatabase db) : IClassFixture<AnalyticsDatabase>
{
    [Fact]
    public async Task no_personal_value_or_free_text_of_the_records_shows_in_any_view()
    {
        var everything = new List<string>();
        await using var analyst = await db.AnalystConnectionAsync();
        foreach (var view in AnalyticsDoc.Views().Keys)
        {
            await using var cmd = new NpgsqlCommand($"select coalesce(string_agg(to_jsonb(v)::text, E'\\n'), '') from {view} v", analyst);
            everything.Add((string)(await cmd.ExecuteScalarAsync())!);
        }
        var text = string.Join('\n', everything);

        Assert.Contains("Acme Trading", text, StringComparison.Ordinal);
        Assert.Contains("Wang Wu", text, StringComparison.Ordinal);
        Assert.All(AnalyticsSeed.PersonalValues, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task no_column_is_named_like_personal_data_free_text_or_a_credential()
    {
        var columns = await AdminLinesAsync("select table_name || '.' || column_name from information_schema.columns where table_schema = 'analytics'");
        Assert.NotEmpty(columns);
        Assert.DoesNotContain(columns, c => Suspicious().IsMatch(c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public async Task the_views_read_crm_and_org_tables_only_never_a_view_the_event_store_or_credentials()
    {
        var reads = await AdminLinesAsync(
            """
            select distinct t.relnamespace::regnamespace::text || '.' || t.relname || ' ' || t.relkind::text
              from pg_class v
              join pg_rewrite r on r.ev_class = v.oid
              join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid and d.refclassid = 'pg_class'::regclass
              join pg_class t on t.oid = d.refobjid
             where v.relnamespace = 'analytics'::regnamespace and t.oid <> v.oid
            """);
        Assert.Contains("crm.customers r", reads);
        // A blue/green swap makes the views over a swapped table again, and refuses views over views (docs/analytics.md).
        Assert.All(reads, read => Assert.Matches(@"^(crm|org)\.[a-z_]+ r$", read));
        Assert.DoesNotContain(reads, read => read.StartsWith("crm.calendar_feeds", StringComparison.Ordinal));
    }

    [GeneratedRegex("^(phone|mobile|email|address|remark|custom|content|description|gender)$|password|token|secret|hash|reason|wechat")]
    private static partial Regex Suspicious();

    private async Task<List<string>> AdminLinesAsync(string sql)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
