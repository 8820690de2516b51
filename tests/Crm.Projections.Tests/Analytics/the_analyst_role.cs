using Npgsql;

namespace Crm.Projections.Tests.Analytics;

/// <summary>The login ops/analyst-role makes reads the analytics views and nothing else, on a real server.</summary>
public sealed class the_analyst_role(AnalyticsDatabase db) : IClassFixture<AnalyticsDatabase>
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task reads_every_analytics_view_by_its_name_alone()
    {
        var views = await AdminLinesAsync("select relname from pg_class where relnamespace = 'analytics'::regnamespace and relkind = 'v'");
        Assert.Contains("customers", views);
        await using var analyst = await db.AnalystConnectionAsync();
        foreach (var view in views)
        {
            // search_path is analytics: the plain name finds the view.
            await using var cmd = new NpgsqlCommand($"select count(*) from {view}", analyst);
            await cmd.ExecuteScalarAsync();
        }
    }

    [Fact]
    public async Task is_denied_every_other_table_view_and_sequence_credentials_and_events_included()
    {
        await AdminAsync("create table public.analyst_probe (secret text); insert into public.analyst_probe values ('s')");
        var relations = await AdminLinesAsync(
            """
            select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
               and n.nspname not in ('analytics', 'pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
             order by 1
            """);
        Assert.Superset(
            new HashSet<string>(["es.events", "es.streams", "auth.credentials", "auth.token_families", "auth.data_protection_keys",
                "crm.calendar_feeds", "crm.customers", "crm.leads", "org.users", "public.analyst_probe"]),
            relations.ToHashSet());

        await using var analyst = await db.AnalystConnectionAsync();
        foreach (var relation in relations)
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(analyst, $"select * from {relation} limit 1"));
            Assert.True(refused.SqlState == InsufficientPrivilege, $"{relation}: {refused.MessageText}");
        }
    }

    [Fact]
    public async Task cannot_call_the_event_stores_functions()
    {
        await using var analyst = await db.AnalystConnectionAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(analyst, "select es.request_backfill('crm.customers', array['customer.created'])"));
        Assert.Equal(InsufficientPrivilege, refused.SqlState);
    }

    [Theory]
    [InlineData("create table public.t (i int)")]
    [InlineData("create table analytics.t (i int)")]
    [InlineData("create view analytics.v as select 1 as one")]
    [InlineData("create temporary table t (i int)")]
    [InlineData("create function pg_temp.f() returns int language sql as 'select 1'")]
    [InlineData("create schema mine")]
    public async Task cannot_create_anything_even_in_a_read_write_transaction(string statement)
    {
        await using var analyst = await db.AnalystConnectionAsync();
        await ExecuteAsync(analyst, "set default_transaction_read_only = off");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(analyst, statement));
        Assert.Equal(InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task its_sessions_are_read_only()
    {
        await using var analyst = await db.AnalystConnectionAsync();
        await using var cmd = new NpgsqlCommand("show default_transaction_read_only", analyst);
        Assert.Equal("on", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task has_no_attribute_and_no_membership_beyond_logging_in()
    {
        var attributes = await AdminLinesAsync(
            "select concat_ws(' ', rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin) from pg_roles " +
            $"where rolname = '{db.Role}'");
        Assert.Equal(["f f f f f t"], attributes);
        Assert.Empty(await AdminLinesAsync($"select roleid::regrole::text from pg_auth_members where member = '{db.Role}'::regrole"));
    }

    [Fact]
    public async Task sees_no_query_text_of_other_roles_sessions()
    {
        await using var admin = await db.Database.DataSource.OpenConnectionAsync();
        await ExecuteAsync(admin, "select 'admin secret text'");
        var pid = admin.ProcessID;
        Assert.Equal(["select 'admin secret text'"], await AdminLinesAsync($"select coalesce(query, '') from pg_stat_activity where pid = {pid}"));

        await using var analyst = await db.AnalystConnectionAsync();
        await using var cmd = new NpgsqlCommand($"select coalesce(query, '') from pg_stat_activity where pid = {pid}", analyst);
        Assert.Equal("<insufficient privilege>", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task may_run_no_security_definer_function_outside_the_catalog()
    {
        await using var analyst = await db.AnalystConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            """
            select count(*) from pg_proc p
             where p.prosecdef and p.pronamespace <> 'pg_catalog'::regnamespace
               and has_function_privilege(p.oid, 'execute') and has_schema_privilege(p.pronamespace, 'usage')
            """, analyst);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task reads_a_view_a_later_migration_adds_without_running_the_script_again()
    {
        await AdminAsync("create view analytics.later_probe as select count(*) as customers from crm.customers");
        try
        {
            await using var analyst = await db.AnalystConnectionAsync();
            await using var cmd = new NpgsqlCommand("select customers from later_probe", analyst);
            Assert.Equal(2L, await cmd.ExecuteScalarAsync());
        }
        finally
        {
            await AdminAsync("drop view analytics.later_probe");
        }
    }

    [Fact]
    public async Task running_the_script_again_takes_back_what_was_granted_since_and_sets_a_new_password()
    {
        var role = "an2_" + db.Database.Name;
        var first = await AnalystRoleScript.CreateAsync(db.Database.ConnectionString, role);
        try
        {
            await AdminAsync($"grant pg_read_all_data, pg_read_all_stats to {role}; grant usage on schema crm to {role}; " +
                $"grant select on crm.customers to {role}");
            var second = await AnalystRoleScript.CreateAsync(db.Database.ConnectionString, role);
            Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Password, new NpgsqlConnectionStringBuilder(second).Password);

            await using var analyst = new NpgsqlConnection(second);
            await analyst.OpenAsync();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(analyst, "select * from crm.customers"));
            Assert.Equal(InsufficientPrivilege, refused.SqlState);
            Assert.Empty(await AdminLinesAsync($"select roleid::regrole::text from pg_auth_members where member = '{role}'::regrole"));
        }
        finally
        {
            await AnalystRoleScript.RunAsync(db.Database.ConnectionString, "--drop", role);
        }
        Assert.Empty(await AdminLinesAsync($"select rolname::text from pg_roles where rolname = '{role}'"));
    }

    [Fact]
    public async Task the_script_leaves_alone_a_role_it_did_not_make()
    {
        var role = "nm_" + db.Database.Name;
        await AdminAsync($"create role {role} createdb");
        try
        {
            var run = await AnalystRoleScript.RunAsync(db.Database.ConnectionString, role);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("was not made by ops/analyst-role", run.Errors, StringComparison.Ordinal);
            Assert.Equal(1, (await AnalystRoleScript.RunAsync(db.Database.ConnectionString, "--drop", role)).ExitCode);
            Assert.Equal(["t f"],
                await AdminLinesAsync($"select concat_ws(' ', rolcreatedb, rolcanlogin) from pg_roles where rolname = '{role}'"));
        }
        finally
        {
            await AdminAsync($"drop role {role}");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task AdminAsync(string sql)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> AdminLinesAsync(string sql)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
