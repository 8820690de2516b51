using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Identity;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Customers;

/// <summary>CSV injection (OWASP) both ways, and import and export bodies that are broken or badly labelled.</summary>
public sealed class csv_formulas_and_broken_files(HostFixture host) : IClassFixture<HostFixture>
{
    private const string ImportRoute = "/api/customers/import";
    private const string ExportRoute = "/api/customers/export";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Posts the bytes labelled with the type to the url.</summary>
    private static SendExpression Upload(Scenario s, byte[] body, string type = "text/csv") =>
        s.Post.ByteArray(body).ToUrl(ImportRoute).ContentType(type);

    /// <summary>Imports the CSV file, which must answer 201 with its report.</summary>
    private async Task<JsonElement> ImportAsync(byte[] csv) => (await host.Admin.Scenario(s =>
    {
        Upload(s, csv);
        s.StatusCodeShouldBe(201);
    })).Json();

    /// <summary>Posts the body as labelled and expects the problem.</summary>
    private Task<IScenarioResult> RefusedAsync(byte[] body, string type, int status, string? field = null, string? code = null) =>
        host.Admin.Scenario(s =>
        {
            Upload(s, body, type);
            s.ProblemShouldBe(status, field, code);
        });

    /// <summary>The answer's bytes as sent (a BOM included).</summary>
    private static byte[] Bytes(IScenarioResult result)
    {
        var body = result.Context.Response.Body;
        body.Position = 0;
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return copy.ToArray();
    }

    private Task<IScenarioResult> ExportAsync(object body) => host.Admin.Scenario(s => s.Post.Json(body).ToUrl(ExportRoute));

    private static List<string[]> Cells(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.Parser[i]).ToArray());
        return rows;
    }

    [Fact]
    public async Task an_export_writes_formula_like_cells_as_quoted_text()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var hyperlink = $"=HYPERLINK(\"http://evil.example/?{u}\",\"Click\")";
        await host.Admin.CreateCustomerAsync(name: hyperlink);
        await host.Admin.CreateCustomerAsync(new { remark = "@SUM(A1:A9)", phone = "+86 138 0000 0000" }, name: $"Plain {u}");
        await host.Admin.CreateCustomerAsync(new { industry = "-2+3" }, name: $"-Minus {u}");

        var response = await ExportAsync(new { q = u });

        var text = response.ReadAsText();
        var rows = Cells(text);
        Assert.Equal(4, rows.Count);
        Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && FormulaStarts.Contains(cell[0]), $"live formula cell: {cell}"));
        Assert.Contains($"\"'=HYPERLINK(\"\"http://evil.example/?{u}\"\",\"\"Click\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains($",\"'-Minus {u}\",", text, StringComparison.Ordinal);
        var cells = rows.SelectMany(r => r).ToHashSet();
        Assert.Contains("'@SUM(A1:A9)", cells);
        Assert.Contains("'+86 138 0000 0000", cells);
        Assert.Contains($"'-Minus {u}", cells);
        Assert.Contains("'-2+3", cells);
    }

    [Fact]
    public async Task an_import_refuses_formula_like_cells_by_name_and_keeps_phones_and_quoted_text()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            name,phone,remark,tags
            "=HYPERLINK(""http://evil.example"",""x"") {u}",,,
            Phone {u},+86 138 0000 0048,,
            '=1+1 {u},,,
            Remark {u},,@cmd,
            Tagged {u},,,vip;-x
            Spaced {u},,"  =2*3",
            """;

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv));

        var failures = report.GetProperty("failures").EnumerateArray()
            .Select(f => (Row: f.GetProperty("row").GetInt32(), Error: f.GetProperty("errors")[0]))
            .Select(f => (f.Row, f.Error.GetProperty("field").GetString(), f.Error.GetProperty("code").GetString()))
            .ToList();
        const string refused = "formula_refused";
        Assert.Equal([(1, "name", refused), (4, "remark", refused), (5, "tags", refused), (6, "remark", refused)], failures);
        Assert.Equal(2, report.GetProperty("succeeded").GetInt32());
        // The quote marked the cell as text; the text itself is stored (and every export quotes it again).
        var quoted = await host.Admin.GetJsonAsync($"/api/customers?q={Uri.EscapeDataString("=1+1 " + u)}");
        Assert.Equal($"=1+1 {u}", quoted.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task an_exported_file_imports_back_unchanged_and_its_rows_are_found_as_duplicates()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var phone = $"+86 139 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(1000, 9999)}";
        await host.Admin.CreateCustomerAsync(new { phone, remark = "=SUM(A1)" }, name: $"-abc {u}");
        var exported = Bytes(await ExportAsync(new { q = u }));
        Assert.Contains($"'{phone}", Encoding.UTF8.GetString(exported), StringComparison.Ordinal);

        var again = await ImportAsync(exported);
        Assert.Equal(0, again.GetProperty("succeeded").GetInt32());
        Assert.Equal("duplicate_suspected", again.GetProperty("failures")[0].GetProperty("errors")[0].GetProperty("code").GetString());
        // The phone alone, quoted as the export writes it, still finds the customer.
        var byPhone = await ImportAsync(Encoding.UTF8.GetBytes($"name,phone\nOther {u},'{phone}\n"));
        var error = byPhone.GetProperty("failures")[0].GetProperty("errors")[0];
        Assert.Equal(("phone", "duplicate_suspected"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));

        await host.Admin.Scenario(s =>
        {
            Upload(s, exported).QueryString("createAnyway", "true");
            s.StatusCodeShouldBe(201);
        });
        var items = (await host.Admin.GetJsonAsync($"/api/customers?q={u}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, c => Assert.Equal((phone, $"-abc {u}", "=SUM(A1)"),
            (c.GetProperty("phone").GetString(), c.GetProperty("name").GetString(), c.GetProperty("remark").GetString())));
    }

    [Fact]
    public async Task an_import_with_a_nul_in_a_cell_refuses_that_row_and_a_file_that_is_not_utf8_is_refused_whole()
    {
        var u = Guid.NewGuid().ToString("N")[..8];
        var report = await ImportAsync(Encoding.UTF8.GetBytes($"name,remark\nNul {u},a\0b\nFine {u},ok\n"));
        Assert.Equal((1, 1), (report.GetProperty("succeeded").GetInt32(), report.GetProperty("failed").GetInt32()));
        Assert.Equal("text_invalid", report.GetProperty("failures")[0].GetProperty("errors")[0].GetProperty("code").GetString());

        var before = await host.EventCountAsync();
        byte[] gbk = [.. "name\n"u8, 0xC9, 0xCF, 0xBA, 0xA3, 0xFF, (byte)'\n'];
        await RefusedAsync(gbk, "text/csv", 400, "file", "csv_not_utf8");
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_truncated_multipart_is_a_400_and_a_file_that_is_not_csv_a_415()
    {
        var before = await host.EventCountAsync();
        var truncated = Encoding.UTF8.GetBytes(
            "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\nname\nCut off");
        await RefusedAsync(truncated, "multipart/form-data; boundary=b0undary", 400, "file", "form_invalid");

        await RefusedAsync("name\nX\n"u8.ToArray(), "multipart/form-data", 400, "file");

        using var empty = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await host.Admin.Scenario(s =>
        {
            s.Post.MultipartFormData(empty).ToUrl(ImportRoute);
            s.ProblemShouldBe(400, "file");
        });

        using var image = new MultipartFormDataContent();
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        image.Add(png, "file", "logo.png");
        await host.Admin.Scenario(s =>
        {
            s.Post.MultipartFormData(image).ToUrl(ImportRoute);
            s.ProblemShouldBe(415);
        });
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Theory]
    [InlineData("filename*=UTF-8''a%00b.csv")]
    [InlineData("filename=\"=?utf-8?B?YQBiLmNzdg==?=\"")]
    [InlineData("filename=\"a\0b.csv\"")]
    public async Task a_file_name_holding_nul_is_refused_before_anything_is_written(string disposition)
    {
        var before = await host.EventCountAsync();
        var body = Encoding.UTF8.GetBytes(
            $"--b0undary\r\nContent-Disposition: form-data; name=\"file\"; {disposition}\r\nContent-Type: text/csv\r\n\r\n" +
            $"name\nNamed {Guid.NewGuid():N}\n\r\n--b0undary--\r\n");

        await RefusedAsync(body, "multipart/form-data; boundary=b0undary", 400, "file", "text_invalid");

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task a_multipart_body_over_the_servers_limit_is_a_413()
    {
        // The wire itself: a second host of the same settings on Kestrel, whose body limit the in-memory server does not apply.
        await using var wire = WireHost.Start(host, b => b.ConfigureServices(s =>
            s.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 4096)));
        using var client = wire.Client(host.Admin.AccessToken);
        using var form = new MultipartFormDataContent();
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes("name\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"Big {i}\n"))));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(csv, "file", "big.csv");

        var response = await client.PostAsync(ImportRoute, form);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
        Assert.Equal("body_too_large", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_export_with_a_bad_q_or_filter_value_is_a_problem_before_any_byte_of_csv()
    {
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { q = new string('q', 3000) }).ToUrl(ExportRoute);
            s.ProblemShouldBe(400, "q", "q_too_long");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.RawJson("""{"filter":{"field":"name","op":"eq","value":"a\u0000"}}""").ToUrl(ExportRoute);
            s.ProblemShouldBe(400, "filter.value", "text_invalid");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { sort = "--name" }).ToUrl(ExportRoute);
            s.ProblemShouldBe(400, "sort");
        });
    }
}
