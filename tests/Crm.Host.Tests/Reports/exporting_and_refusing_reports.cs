using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using MiniExcelLibs;
using static Crm.Host.Tests.Reports.ReportApi;

namespace Crm.Host.Tests.Reports;

/// <summary>Reports as CSV and XLSX (formula-like cells neutralised in both), and every bad input a 400 naming its parameter.</summary>
public sealed class exporting_and_refusing_reports(HostFixture host) : IClassFixture<HostFixture>
{
    private static async Task<byte[]> BytesAsync(IScenarioResult result)
    {
        var body = result.Context.Response.Body;
        body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task a_report_exports_as_csv_and_as_xlsx_that_reads_back_with_its_totals_and_no_live_formula()
    {
        var (_, rep) = await host.SignedInUserAsync("self", Reporter);
        await rep.CreateCustomerAsync(new { source = "=HYPERLINK(\"http://evil\")" });
        await rep.CreateCustomerAsync(new { source = "Fair" });
        await rep.CreateCustomerAsync(new { source = "Fair" });
        var url = $"{Route}/customers/export?{AroundToday()}&groupBy=source";

        var csv = await rep.Scenario(s => s.Get.Url(url));
        var xlsx = await rep.Scenario(s => s.Get.Url(url + "&format=xlsx"));

        Assert.StartsWith("text/csv", csv.Context.Response.ContentType);
        Assert.Contains("attachment", csv.Header("Content-Disposition"));
        var lines = csv.ReadAsText().TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,key,currency,customers,followedUp,closedDeal,locked", lines[0]);
        Assert.Equal("Fair,Fair,,2,0,0,0", lines[1]);
        Assert.StartsWith("\"'=HYPERLINK(", lines[2]);
        Assert.Equal("Total,,,3,0,0,0", lines[3]);
        Assert.Equal(ReportExportMediaType, xlsx.Context.Response.ContentType);
        using var file = new MemoryStream(await BytesAsync(xlsx));
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(("Fair", 2m), ((string)rows[0]["group"], Convert.ToDecimal(rows[0]["customers"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("'=HYPERLINK(", (string)rows[1]["group"]);
        Assert.StartsWith("'=HYPERLINK(", (string)rows[1]["key"]);
        Assert.Equal(("Total", 3m), ((string)rows[2]["group"], Convert.ToDecimal(rows[2]["customers"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private const string ReportExportMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Theory]
    [InlineData("customers?groupBy=product", "groupBy", "group_by_invalid")]
    [InlineData("rankings?groupBy=source", "groupBy", "group_by_invalid")]
    [InlineData("customers?from=2026-03-05&to=2026-03-01", "to", "range_invalid")]
    [InlineData("customers?from=2020-01-01&to=2026-03-01", "to", "range_too_long")]
    [InlineData("customers?to=9999-12-31", "to", "range_invalid")]
    [InlineData("customers?from=yesterday", "from", null)]
    [InlineData("customers?filter=%7Bnot%20json", "filter", "filter_invalid")]
    [InlineData("customers?filter=%7B%22field%22%3A%22nope%22%2C%22op%22%3A%22eq%22%2C%22value%22%3A1%7D", "filter.nope", "filter_invalid")]
    [InlineData("payments/export?format=pdf", "format", "format_invalid")]
    [InlineData("rankings?measure=happiness", "measure", "measure_invalid")]
    [InlineData("follow-ups?userId=0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01&departmentId=0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f02", "departmentId",
        "filter_ambiguous")]
    public async Task a_bad_input_is_a_400_problem_naming_it(string path, string field, string? code) =>
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{path}", null, 400, field, code);

    [Fact]
    public async Task reports_need_report_view_exports_report_export_and_an_unknown_report_is_a_404()
    {
        var (_, viewer) = await host.SignedInUserAsync("all", "report.view", "customer.list");
        var (_, nobody) = await host.SignedInUserAsync("all", "customer.list");

        await viewer.SendAsync(HttpMethod.Get, $"{Route}/customers");
        var denied = await viewer.RefusedAsync(HttpMethod.Get, $"{Route}/customers/export", null, 403, code: "permission_denied");
        Assert.Equal("report.export", denied.Json().GetProperty("permission").GetString());
        await nobody.RefusedAsync(HttpMethod.Get, $"{Route}/rankings", null, 403, code: "permission_denied");
        await host.SignedOut.RefusedAsync(HttpMethod.Get, $"{Route}/payments", null, 401);
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/nope", null, 404);
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/nope/export", null, 404);
    }

    [Fact]
    public async Task days_and_periods_are_the_readers_own_time_zone()
    {
        var (_, rep) = await host.SignedInUserAsync("self", Reporter);
        await rep.SendAsync(HttpMethod.Put, "/api/auth/me/time-zone", new { timeZone = "Pacific/Kiritimati" });
        await rep.CreateCustomerAsync();
        var local = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(14));

        var byDay = await rep.GetJsonAsync($"{Route}/customers?from={local:yyyy-MM-dd}&to={local:yyyy-MM-dd}&groupBy=day");
        var byMonth = await rep.GetJsonAsync($"{Route}/customers?from={local:yyyy-MM-dd}&to={local:yyyy-MM-dd}&groupBy=month");

        Assert.Equal("Pacific/Kiritimati", byDay.GetProperty("timeZone").GetString());
        Assert.Equal(local.ToString("yyyy-MM-dd"), Assert.Single(byDay.GetProperty("rows").EnumerateArray()).GetProperty("key").GetString());
        var month = Assert.Single(byMonth.GetProperty("rows").EnumerateArray());
        Assert.Equal((local.ToString("yyyy-MM") + "-01", local.ToString("yyyy-MM")), (month.GetProperty("key").GetString(), month.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task the_document_has_one_operation_per_report_with_its_groupings_and_the_formats_as_enums()
    {
        var paths = (await host.Admin.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");
        IEnumerable<string?> Values(string path, string parameter) => paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == parameter).GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString());

        foreach (var report in new[] { "customers", "lead-conversion", "follow-ups", "product-sales", "payments", "rankings" })
        {
            Assert.True(paths.TryGetProperty($"{Route}/{report}", out _), report);
            Assert.Equal(["csv", "xlsx"], Values($"{Route}/{report}/export", "format"));
        }
        Assert.Equal(["user", "department", "day", "week", "month", "quarter", "year", "product"], Values($"{Route}/product-sales", "groupBy"));
        Assert.Equal(["user", "department"], Values($"{Route}/rankings", "groupBy"));
        Assert.Contains("contractAmount", Values($"{Route}/rankings", "measure"));
    }
}
