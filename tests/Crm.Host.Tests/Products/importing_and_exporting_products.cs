using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Products.ProductApi;

namespace Crm.Host.Tests.Products;

public sealed class importing_and_exporting_products(HostFixture host) : IClassFixture<HostFixture>
{
    private const string ImportRoute = "/api/products/import";

    private static async Task<JsonElement> ImportAsync(ApiCaller caller, string csv) => (await caller.Scenario(s =>
    {
        s.Post.ByteArray(Encoding.UTF8.GetBytes(csv)).ToUrl(ImportRoute).ContentType("text/csv");
        s.StatusCodeShouldBe(200);
    })).Json();

    private static List<(int Row, string Faults)> Failures(JsonElement report) => report.GetProperty("failures").EnumerateArray()
        .Select(f => (f.GetProperty("row").GetInt32(), string.Join(" ", f.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString())))).ToList();

    [Fact]
    public async Task an_import_writes_good_rows_and_reports_every_refused_row_with_its_faults()
    {
        var taken = await host.Admin.CreateProductAsync();
        var category = await host.Admin.CreateCategoryAsync("Import " + Guid.NewGuid().ToString("N")[..6]);
        var (c1, c2) = (NewCode(), NewCode());
        var csv = $$"""
            code,name,price,currency,categoryId,custom,onShelf
            {{c1}},Good one,12.5,usd,{{category.Id()}},"{""a"":1}",true
            {{c2}},Good two,0,,,,
            {{c1.ToLowerInvariant()}},Twin of one,1,,,,
            {{taken.GetProperty("code").GetString()}},Taken,1,,,,
            {{NewCode()}},=cmd|' /C calc'!A0,-3,RMB1,{{Guid.NewGuid()}},[1],maybe
            {{NewCode()}},Short row
            """;

        var report = await ImportAsync(host.Admin, csv);

        Assert.Equal((6, 2, 4), (report.GetProperty("totalRows").GetInt32(), report.GetProperty("succeeded").GetInt32(), report.GetProperty("failed").GetInt32()));
        var failures = Failures(report);
        Assert.Equal([3, 4, 5, 6], failures.Select(f => f.Row).ToArray());
        Assert.Equal("code:duplicate_in_file", failures[0].Faults);
        Assert.Equal("code:product_code_taken", failures[1].Faults);
        foreach (var fault in new[] { "name:formula_refused", "price:price_negative", "currency:currency_invalid", "custom:custom_invalid", "onShelf:on_shelf_invalid" })
            Assert.Contains(fault, failures[2].Faults);
        Assert.Equal("row:column_count", failures[3].Faults);

        var one = Assert.Single((await host.Admin.GetJsonAsync($"{Route}?q={c1}")).GetProperty("items").EnumerateArray());
        Assert.Equal((12.50m, "USD", category.Id(), true, 1), (one.GetProperty("price").GetDecimal(), one.GetProperty("currency").GetString(),
            one.GetProperty("categoryId").GetGuid(), one.GetProperty("onShelf").GetBoolean(), one.GetProperty("custom").GetProperty("a").GetInt32()));
        var two = Assert.Single((await host.Admin.GetJsonAsync($"{Route}?q={c2}")).GetProperty("items").EnumerateArray());
        Assert.Equal(("CNY", false), (two.GetProperty("currency").GetString(), two.GetProperty("onShelf").GetBoolean()));

        // A category unknown to the catalogue refuses the row at write time.
        var unknown = await ImportAsync(host.Admin, $"code,name,price,categoryId\n{NewCode()},X,1,{Guid.NewGuid()}\n");
        Assert.Equal("categoryId:category_not_found", Assert.Single(Failures(unknown)).Faults);
    }

    [Fact]
    public async Task an_imports_report_is_recorded_and_read_back_by_its_id_and_only_as_a_product_import()
    {
        var report = await ImportAsync(host.Admin, $"code,name,price\n{NewCode()},Kept,1\n{NewCode()},Bad,-1\n");

        var id = report.GetProperty("id").GetGuid();
        var read = await host.Admin.GetJsonAsync($"/api/products/imports/{id}");
        Assert.Equal(report.GetProperty("failures").GetRawText(), read.GetProperty("failures").GetRawText());
        Assert.Equal((2, 1, 1), (read.GetProperty("totalRows").GetInt32(), read.GetProperty("succeeded").GetInt32(), read.GetProperty("failed").GetInt32()));
        Assert.Equal(report.GetProperty("importedBy").GetGuid(), read.GetProperty("importedBy").GetGuid());

        // A product's id, or any id that is no product import, answers as a missing import.
        var product = await host.Admin.CreateProductAsync();
        await host.Admin.RefusedAsync(HttpMethod.Get, $"/api/products/imports/{product.Id()}", null, 404, code: "import_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"/api/products/imports/{Guid.NewGuid()}", null, 404, code: "import_not_found");
    }

    [Fact]
    public async Task an_export_re_imports_as_the_same_products_with_formulas_escaped()
    {
        var category = await host.Admin.CreateCategoryAsync("Round trip " + Guid.NewGuid().ToString("N")[..6]);
        var formula = await host.Admin.CreateProductAsync(new { name = "=SUM(A1)", categoryId = category.Id(), price = 7.1m, unit = "box",
            custom = new { colour = "red" }, description = "Line one, \"quoted\"" });
        var plain = await host.Admin.CreateProductAsync(new { name = "Plain 产品", categoryId = category.Id(), currency = "EUR" });
        await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{plain.Id()}/shelve");

        var export = await host.Admin.Scenario(s => s.Get.Url($"{Route}/export?category={category.Id()}&sort=name"));
        Assert.StartsWith("text/csv", export.Context.Response.ContentType);
        var text = export.ReadAsText().TrimStart('\uFEFF');
        Assert.StartsWith("id,code,name,categoryId,unit,price,currency,description,custom,onShelf,createdAt,updatedAt", text);
        Assert.Contains("\"'=SUM(A1)\"", text);

        // Delete both and import the file as it is: the same products come back, under new ids.
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Route}/{formula.Id()}", status: 204);
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Route}/{plain.Id()}", status: 204);
        var report = await ImportAsync(host.Admin, text);
        Assert.Equal((2, 0), (report.GetProperty("succeeded").GetInt32(), report.GetProperty("failed").GetInt32()));

        var back = (await host.Admin.GetJsonAsync($"{Route}?category={category.Id()}&sort=name")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, back.Count);
        string[] compared = ["code", "name", "categoryId", "unit", "price", "currency", "description", "custom", "onShelf"];
        foreach (var (before, after) in new[] { (formula, back[0]), (plain, back[1]) })
        {
            foreach (var field in compared.Where(f => f != "onShelf"))
                Assert.Equal(before.GetProperty(field).GetRawText(), after.GetProperty(field).GetRawText());
            Assert.NotEqual(before.Id(), after.Id());
        }
        Assert.True(back[1].GetProperty("onShelf").GetBoolean());
        Assert.False(back[0].GetProperty("onShelf").GetBoolean());
    }

    [Fact]
    public async Task a_multipart_upload_imports_and_unusable_files_write_nothing()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"产品编码,产品名称,价格\n{NewCode()},上海产品,9.9\n")).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "产品.csv");
        var report = (await host.Admin.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl(ImportRoute);
            s.StatusCodeShouldBe(200);
        })).Json();
        Assert.Equal((1, "产品.csv"), (report.GetProperty("succeeded").GetInt32(), report.GetProperty("fileName").GetString()));

        var before = await host.EventCountAsync();
        await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray([]).ToUrl(ImportRoute).ContentType("text/csv");
            s.ProblemShouldBe(400, "file", "csv_empty");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xff, 0xfe, 0x0a]).ToUrl(ImportRoute).ContentType("text/csv");
            s.ProblemShouldBe(400, "file", "csv_not_utf8");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.RawJson("{}").ToUrl(ImportRoute);
            s.ProblemShouldBe(415);
        });
        Assert.Equal(before, await host.EventCountAsync());
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/export?sort=price", null, 400, "sort");
    }
}
