using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Host.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Write;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Customers;

public sealed class importing_and_exporting_customers(HostFixture host) : IClassFixture<HostFixture>
{
    private const string ImportRoute = "/api/customers/import";

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string query = "")
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync(ImportRoute + query, content);
    }

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = host.Database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task an_import_writes_the_good_rows_refuses_bad_and_duplicate_ones_and_reports_each_exactly()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(201, (int)(await ImportAsync(host.Client, $"name\nExisting {u}\n")).StatusCode);
        await host.Client.CreateLeadAsync($"Lead person {u}", new { email = $"lead-{u}@x.example" });
        var csv = $"""
            name,phone,email,level,tags
            Good One {u},+86 138 0000 0001,good1-{u}@x.example,A,vip;east
            ,12,not-an-email,,
            Good Two {u},,good2-{u}@x.example,B,
            existing {u},,,,
            Good One {u},,,,
            Other {u},,lead-{u}@x.example,,
            Oops {u},1,2,3,4,5
            "Good, Three {u}",+86 139 2222 3333,,C,a|b
            """;

        var response = await ImportAsync(host.Client, csv);

        Assert.Equal(201, (int)response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal((8, 3, 5), (report.GetProperty("totalRows").GetInt32(), report.GetProperty("succeeded").GetInt32(), report.GetProperty("failed").GetInt32()));
        var failures = report.GetProperty("failures").EnumerateArray()
            .Select(f => (f.GetProperty("row").GetInt32(), string.Join(" ", f.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()))))
            .ToList();
        Assert.Equal(5, failures.Count);
        Assert.Equal([2, 4, 5, 6, 7], failures.Select(f => f.Item1).ToArray());
        Assert.Contains("name:", failures[0].Item2);
        Assert.Contains("phone:", failures[0].Item2);
        Assert.Contains("email:", failures[0].Item2);
        Assert.Equal("name:duplicate_suspected", failures[1].Item2);
        Assert.Equal("name:duplicate_in_file", failures[2].Item2);
        Assert.Equal("email:duplicate_suspected", failures[3].Item2);
        Assert.Equal("row:column_count", failures[4].Item2);

        // Nothing half-written: exactly the three good rows became customers, each one complete in one event.
        Assert.Equal(3, await ScalarAsync("select count(*) from crm.customers where name like @p and name <> @e", ("p", $"%{u}"), ("e", $"Existing {u}")));
        Assert.Equal(1, await ScalarAsync("select count(*) from crm.customers where name = @n and level = 'A' and tags = array['vip','east'] and email = @m", ("n", $"Good One {u}"), ("m", $"good1-{u}@x.example")));
        Assert.Equal(1, await ScalarAsync("select count(*) from crm.customers where name = @n and tags = array['a','b']", ("n", $"Good, Three {u}")));
        var importId = report.GetProperty("id").GetGuid();
        Assert.Equal(4, await ScalarAsync("select count(*) from es.events where metadata->>'correlationId' = @id", ("id", importId.ToString())));

        // The import is itself an event, and its report reads back the same.
        Assert.Equal(1, await ScalarAsync("select count(*) from es.events where stream_id = @id and event_type = 'import.customers-imported'", ("id", importId)));
        var again = await (await host.Client.GetAsync($"/api/customers/imports/{importId}")).JsonAsync();
        Assert.Equal(report.GetProperty("failures").ToString(), again.GetProperty("failures").ToString());
    }

    [Fact]
    public async Task create_anyway_writes_duplicates_too()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var report = await (await ImportAsync(host.Client, $"name\nTwin {u}\nTwin {u}\n", "?createAnyway=true")).JsonAsync();

        Assert.Equal(2, report.GetProperty("succeeded").GetInt32());
    }

    [Fact]
    public async Task a_multipart_upload_with_chinese_headers_imports()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"客户名称,电话\n上海 {u},021 5555 1234\n")).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "客户.csv");

        var report = await (await host.Client.PostAsync(ImportRoute, form)).JsonAsync();

        Assert.Equal((1, "客户.csv"), (report.GetProperty("succeeded").GetInt32(), report.GetProperty("fileName").GetString()));
    }

    [Fact]
    public async Task an_unusable_file_is_refused_whole_and_writes_nothing()
    {
        var before = await host.EventCountAsync();
        await (await ImportAsync(host.Client, "")).AssertProblemAsync(400, "file");
        var tooMany = new StringBuilder("name\n");
        for (var i = 0; i <= 100_000; i++) tooMany.Append('C').Append(i).Append('\n');
        var problem = await (await ImportAsync(host.Client, tooMany.ToString())).AssertProblemAsync(400, "file");
        Assert.Equal("too_many_rows", problem.GetProperty("code").GetString());
        var json = await host.Client.SendJsonAsync(HttpMethod.Post, ImportRoute, "{}");
        await json.AssertProblemAsync(415);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task importing_for_a_user_outside_the_scope_is_a_422_and_the_report_of_someone_elses_import_a_404()
    {
        var (_, sales) = await host.SalesUserAsync();
        var admin = (await (await host.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();

        var outOfScope = await ImportAsync(sales, "name\nX\n", $"?ownerId={admin}");
        Assert.Equal("user_out_of_scope", (await outOfScope.AssertProblemAsync(422, "ownerId")).GetProperty("code").GetString());
        // An owner who is no user is the one receiver rule's 422 too (was 400 owner_unknown).
        var unknown = await ImportAsync(host.Client, "name\nX\n", $"?ownerId={Guid.NewGuid()}");
        Assert.Equal("user_unusable", (await unknown.AssertProblemAsync(422, "ownerId")).GetProperty("code").GetString());
        var adminsImport = await (await ImportAsync(host.Client, $"name\nHidden {Guid.NewGuid():N}\n")).JsonAsync();
        await (await sales.GetAsync($"/api/customers/imports/{adminsImport.GetProperty("id").GetGuid()}")).AssertProblemAsync(404);
        await (await sales.GetAsync($"/api/customers/imports/{Guid.CreateVersion7()}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task an_export_streams_the_filtered_customers_in_the_callers_scope_and_re_imports()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var (_, sales) = await host.SalesUserAsync();
        await ImportAsync(host.Client, $"name,level\nAdmin A {u},A\n");
        var rows = new StringBuilder("name,level,tags\n");
        for (var i = 0; i < 2_100; i++) rows.Append($"Mine {i} {u},{(i % 2 == 0 ? "A" : "B")},t{i % 3};x\n");
        Assert.Equal(2_100, (await (await ImportAsync(sales, rows.ToString())).JsonAsync()).GetProperty("succeeded").GetInt32());

        var response = await sales.PostJsonAsync("/api/customers/export", new { filter = new { and = new[] { new { field = "level", op = "eq", value = "A" } } }, sort = "name" });

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,name,level", lines[0]);
        Assert.Equal(1_050, lines.Length - 1); // only the caller's own level-A customers, across several internal pages
        Assert.DoesNotContain(lines, l => l.Contains("Admin A", StringComparison.Ordinal));

        // The export re-imports as is (its read-only columns are ignored); every row is now a duplicate of itself.
        var reimport = await (await ImportAsync(sales, string.Join('\n', lines.Take(4)))).JsonAsync();
        Assert.Equal((3, 0), (reimport.GetProperty("totalRows").GetInt32(), reimport.GetProperty("succeeded").GetInt32()));
        var failures = reimport.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.Equal("duplicate_suspected", f.GetProperty("errors")[0].GetProperty("code").GetString()));

        await (await sales.PostJsonAsync("/api/customers/export", new { filter = new { field = "colour", op = "eq", value = "red" } })).AssertProblemAsync(400, "filter.colour");
        await (await sales.PostJsonAsync("/api/customers/export", new { sort = "colour" })).AssertProblemAsync(400, "sort");
    }

    [Fact]
    public async Task export_and_import_need_their_permissions()
    {
        var (_, reader) = await host.SalesUserAsync("all", "customer.list");

        await (await reader.PostJsonAsync("/api/customers/export", new { })).AssertProblemAsync(403);
        await (await ImportAsync(reader, "name\nX\n")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task an_import_cut_short_by_a_failed_batch_records_what_it_wrote_and_what_it_did_not()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var taken = (await host.Client.CreateCustomerAsync()).Id();
        var csv = new StringBuilder("name\n");
        for (var i = 1; i <= 2_500; i++) csv.Append($"Cut {u} {i:D4}\n");
        var owner = Guid.CreateVersion7();
        var (rows, error) = await CustomerImporter.ParseAsync(new StringReader(csv.ToString()), owner);
        Assert.Null(error);
        // Row 1,500 (in the second batch of 1,000) gets the id of a customer that exists: that batch cannot commit.
        rows![1_499] = rows[1_499] with { Command = rows[1_499].Command! with { CustomerId = taken } };
        var importer = host.Factory.Services.GetRequiredService<CustomerImporter>();
        var importId = Guid.CreateVersion7();

        var report = await importer.ImportAsync(importId, "cut.csv", owner, false, rows, new CommandRequest(), default);

        Assert.Equal((2_500, 1_000, 1_500), (report.TotalRows, report.Succeeded, report.Failed));
        Assert.Equal(Enumerable.Range(1_001, 1_500), report.Failures.Select(f => f.Row));
        Assert.All(report.Failures, f => Assert.Equal("not_written", Assert.Single(f.Errors).Code));
        Assert.Equal(1_000, await ScalarAsync("select count(*) from crm.customers where name like @p", ("p", $"Cut {u} %")));
        Assert.Equal(0, await ScalarAsync("select count(*) from crm.customers where name = @n", ("n", $"Cut {u} 1001")));
        var stored = await importer.ReportAsync(importId, default);
        Assert.Equal((1_000, 1_500), (stored!.Succeeded, stored.Failed));
    }
}
