using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.DataSync;

/// <summary>POST /api/leads/import and /api/contacts/import with their reports, and the exports that re-import as they are.</summary>
public sealed class importing_and_exporting_leads_and_contacts(HostFixture host) : IClassFixture<HostFixture>
{
    private static Task<IScenarioResult> UploadAsync(ApiCaller caller, string route, string csv, int status, bool createAnyway = false) =>
        caller.Scenario(s =>
        {
            var send = s.Post.ByteArray(Encoding.UTF8.GetBytes(csv)).ToUrl(route).ContentType("text/csv");
            if (createAnyway) send.QueryString(nameof(createAnyway), "true");
            s.StatusCodeShouldBe(status);
        });

    private static Task<IScenarioResult> ExportAsync(ApiCaller caller, string route, object body) => caller.Scenario(s => s.Post.Json(body).ToUrl(route));

    private static JsonElement Failure(JsonElement report, int row) =>
        report.GetProperty("failures").EnumerateArray().Single(f => f.GetProperty("row").GetInt32() == row).GetProperty("errors")[0];

    [Fact]
    public async Task a_lead_import_writes_good_rows_reports_each_bad_one_and_its_export_re_imports()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            name,company,phone,email
            Lead One {u},Acme {u},+86 138 0000 0001,one-{u}@x.example
            ,No name,,
            Lead Two {u},=HYPERLINK(1),,
            Lead Three {u},,,not-an-email
            Lead One {u},,,one-{u}@x.example
            """;
        var imported = await UploadAsync(host.Admin, "/api/leads/import", csv, 201);
        var report = imported.Json();
        Assert.Equal(5, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(1, report.GetProperty("succeeded").GetInt32());
        Assert.Equal("name", Failure(report, 2).GetProperty("field").GetString());
        Assert.Equal("formula_refused", Failure(report, 3).GetProperty("code").GetString());
        Assert.Equal("email_invalid", Failure(report, 4).GetProperty("code").GetString());
        Assert.Equal("duplicate_suspected", Failure(report, 5).GetProperty("code").GetString());
        var again = await host.Admin.GetJsonAsync(imported.Header("Location")!);
        Assert.Equal(report.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());

        var export = (await ExportAsync(host.Admin, "/api/leads/export", new { q = $"Lead One {u}" })).ReadAsText();
        Assert.StartsWith("id,name,company,phone", export.TrimStart('\uFEFF'));
        Assert.Contains($"Lead One {u},Acme {u}", export);
        var reimported = (await UploadAsync(host.Admin, "/api/leads/import", export.TrimStart('\uFEFF'), 201, createAnyway: true)).Json();
        Assert.Equal(1, reimported.GetProperty("succeeded").GetInt32());
    }

    [Fact]
    public async Task a_contact_import_needs_a_customer_the_importer_reaches()
    {
        var (_, rep) = await host.SignedInUserAsync("self", [.. SalesRep, "contact.import", "contact.export"]);
        var mine = await rep.CreateCustomerAsync();
        var hidden = await host.Admin.CreateCustomerAsync();
        var u = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            customerId,name,title,phone
            {mine.Id()},Contact One {u},Buyer,13800000001
            {hidden.Id()},Contact Two {u},Buyer,
            not-a-uuid,Contact Three {u},,
            """;
        var report = (await UploadAsync(rep, "/api/contacts/import", csv, 201)).Json();
        Assert.Equal(1, report.GetProperty("succeeded").GetInt32());
        Assert.Equal("customer_not_found", Failure(report, 2).GetProperty("code").GetString());
        Assert.Equal("customer_required", Failure(report, 3).GetProperty("code").GetString());
        Assert.Equal(1, (await rep.GetJsonAsync($"{Route}/{mine.Id()}/contacts")).GetProperty("items").GetArrayLength());

        var export = (await ExportAsync(rep, "/api/contacts/export", new { })).ReadAsText();
        Assert.Contains($"{mine.Id()},Contact One {u},Buyer", export);
        Assert.DoesNotContain(hidden.Id().ToString(), export);
        // Someone else's import report is not confirmed.
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"/api/contacts/imports/{report.GetProperty("id").GetGuid()}");
            s.ProblemShouldBe(404, code: "import_not_found");
        });
    }

    [Fact]
    public async Task an_unusable_file_writes_nothing_and_the_routes_need_their_permissions()
    {
        await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray([]).ToUrl("/api/leads/import").ContentType("text/csv");
            s.ProblemShouldBe(400, "file", "csv_empty");
        });
        var (_, reader) = await host.SignedInUserAsync("self", "lead.list", "contact.list");
        await UploadAsync(reader, "/api/leads/import", "name\nX\n", 403);
        await UploadAsync(reader, "/api/contacts/import", "name\nX\n", 403);
        await reader.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/leads/export");
            s.ProblemShouldBe(403, code: "permission_denied");
        });
    }
}
