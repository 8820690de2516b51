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

    /// <summary>Posts the CSV text; the query ("?name=value") goes as a parameter (ToUrl takes a path only).</summary>
    private static void Upload(Scenario s, string csv, string query)
    {
        var send = s.Post.ByteArray(Encoding.UTF8.GetBytes(csv)).ToUrl(ImportRoute).ContentType("text/csv");
        if (query.Length > 0 && query[1..].Split('=', 2) is [var name, var value]) send.QueryString(name, value);
    }

    /// <summary>Imports the CSV text, which must answer 201 with its report.</summary>
    private static async Task<JsonElement> ImportAsync(ApiCaller caller, string csv, string query = "") => (await caller.Scenario(s =>
    {
        Upload(s, csv, query);
        s.StatusCodeShouldBe(201);
    })).Json();

    /// <summary>Imports the CSV text and expects the problem.</summary>
    private static Task<IScenarioResult> RefusedAsync(ApiCaller caller, string csv, int status, string? field = null, string? code = null,
        string query = "") => caller.Scenario(s =>
        {
            Upload(s, csv, query);
            s.ProblemShouldBe(status, field, code);
        });

    private static Task<IScenarioResult> ExportRefusedAsync(ApiCaller caller, object body, int status, string? field = null) => caller.Scenario(s =>
    {
        s.Post.Json(body).ToUrl("/api/customers/export");
        s.ProblemShouldBe(status, field);
    });

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
        await ImportAsync(host.Admin, $"name\nExisting {u}\n");
        await host.Admin.CreatedAsync(LeadApi.Route, new { name = $"Lead person {u}", email = $"lead-{u}@x.example" });
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

        var report = await ImportAsync(host.Admin, csv);

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
        var again = await host.Admin.GetJsonAsync($"/api/customers/imports/{importId}");
        Assert.Equal(report.GetProperty("failures").ToString(), again.GetProperty("failures").ToString());
    }

    [Fact]
    public async Task create_anyway_writes_duplicates_too()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var report = await ImportAsync(host.Admin, $"name\nTwin {u}\nTwin {u}\n", "?createAnyway=true");

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

        var report = (await host.Admin.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl(ImportRoute);
            s.StatusCodeShouldBe(201);
        })).Json();

        Assert.Equal((1, "客户.csv"), (report.GetProperty("succeeded").GetInt32(), report.GetProperty("fileName").GetString()));
    }

    [Fact]
    public async Task an_unusable_file_is_refused_whole_and_writes_nothing()
    {
        var before = await host.EventCountAsync();
        await RefusedAsync(host.Admin, "", 400, "file");
        var tooMany = new StringBuilder("name\n");
        for (var i = 0; i <= 100_000; i++) tooMany.Append('C').Append(i).Append('\n');
        await RefusedAsync(host.Admin, tooMany.ToString(), 400, "file", "too_many_rows");
        await host.Admin.Scenario(s =>
        {
            s.Post.RawJson("{}").ToUrl(ImportRoute);
            s.ProblemShouldBe(415);
        });
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task importing_for_a_user_outside_the_scope_is_a_422_and_the_report_of_someone_elses_import_a_404()
    {
        var (_, sales) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();

        await RefusedAsync(sales, "name\nX\n", 422, "ownerId", "user_out_of_scope", $"?ownerId={admin}");
        // An owner who is no user is the one receiver rule's 422 too (was 400 owner_unknown).
        await RefusedAsync(host.Admin, "name\nX\n", 422, "ownerId", "user_unusable", $"?ownerId={Guid.NewGuid()}");
        var adminsImport = await ImportAsync(host.Admin, $"name\nHidden {Guid.NewGuid():N}\n");
        foreach (var id in new[] { adminsImport.GetProperty("id").GetGuid(), Guid.CreateVersion7() })
        {
            await sales.Scenario(s =>
            {
                s.Get.Url($"/api/customers/imports/{id}");
                s.ProblemShouldBe(404);
            });
        }
    }

    [Fact]
    public async Task an_export_streams_the_filtered_customers_in_the_callers_scope_and_re_imports()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var (_, sales) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        await ImportAsync(host.Admin, $"name,level\nAdmin A {u},A\n");
        var rows = new StringBuilder("name,level,tags\n");
        for (var i = 0; i < 2_100; i++) rows.Append($"Mine {i} {u},{(i % 2 == 0 ? "A" : "B")},t{i % 3};x\n");
        Assert.Equal(2_100, (await ImportAsync(sales, rows.ToString())).GetProperty("succeeded").GetInt32());

        var response = await sales.Scenario(s =>
            s.Post.Json(new { filter = new { and = new[] { new { field = "level", op = "eq", value = "A" } } }, sort = "name" }).ToUrl("/api/customers/export"));

        Assert.Equal("text/csv", MediaTypeHeaderValue.Parse(response.Context.Response.ContentType!).MediaType);
        var lines = response.ReadAsText().TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,name,level", lines[0]);
        Assert.Equal(1_050, lines.Length - 1); // only the caller's own level-A customers, across several internal pages
        Assert.DoesNotContain(lines, l => l.Contains("Admin A", StringComparison.Ordinal));

        // The export re-imports as is (its read-only columns are ignored); every row is now a duplicate of itself.
        var reimport = await ImportAsync(sales, string.Join('\n', lines.Take(4)));
        Assert.Equal((3, 0), (reimport.GetProperty("totalRows").GetInt32(), reimport.GetProperty("succeeded").GetInt32()));
        var failures = reimport.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.Equal("duplicate_suspected", f.GetProperty("errors")[0].GetProperty("code").GetString()));

        await ExportRefusedAsync(sales, new { filter = new { field = "colour", op = "eq", value = "red" } }, 400, "filter.colour");
        await ExportRefusedAsync(sales, new { sort = "colour" }, 400, "sort");
    }

    [Fact]
    public async Task export_and_import_need_their_permissions()
    {
        var (_, reader) = await host.SignedInUserAsync("all", "customer.list");

        await ExportRefusedAsync(reader, new { }, 403);
        await RefusedAsync(reader, "name\nX\n", 403);
    }

    [Fact]
    public async Task an_import_cut_short_by_a_failed_batch_records_what_it_wrote_and_what_it_did_not()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var taken = (await host.Admin.CreateCustomerAsync()).Id();
        var csv = new StringBuilder("name\n");
        for (var i = 1; i <= 2_500; i++) csv.Append($"Cut {u} {i:D4}\n");
        var owner = Guid.CreateVersion7();
        var (rows, error) = await CustomerImporter.ParseAsync(new StringReader(csv.ToString()), owner);
        Assert.Null(error);
        // Row 1,500 (in the second batch of 1,000) gets the id of a customer that exists: that batch cannot commit.
        rows![1_499] = rows[1_499] with { Command = rows[1_499].Command! with { CustomerId = taken } };
        var importer = host.Services.GetRequiredService<CustomerImporter>();
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
