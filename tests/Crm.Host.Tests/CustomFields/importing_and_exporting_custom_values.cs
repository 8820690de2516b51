using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.CustomFields.CustomFieldApi;

namespace Crm.Host.Tests.CustomFields;

/// <summary>Custom values travel through a customer export's custom column and back through an import, checked as a create checks them.</summary>
public sealed class importing_and_exporting_custom_values(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task the_custom_column_exports_each_customers_values_and_an_import_checks_them_row_by_row()
    {
        var region = NewKey("region");
        var code = NewKey("code");
        await host.DefineAsync(region, "single_select", new { options = Options("north", "south") });
        await host.DefineAsync(code, "text", new { unique = true });
        var held = await host.Admin.CreateCustomerAsync(new { custom = new Dictionary<string, object> { [region] = "north", [code] = "X-1" } });

        var csv = "name,custom\n"
            + $"Imported {Guid.NewGuid():N},\"{{\"\"{region}\"\":\"\"south\"\"}}\"\n"
            + $"Bad option {Guid.NewGuid():N},\"{{\"\"{region}\"\":\"\"west\"\"}}\"\n"
            + $"Taken code {Guid.NewGuid():N},\"{{\"\"{code}\"\":\"\"X-1\"\"}}\"\n"
            + $"Not JSON {Guid.NewGuid():N},[1]\n";
        var report = (await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes(csv)).ToUrl("/api/customers/import").ContentType("text/csv");
            s.StatusCodeShouldBe(201);
        })).Json();
        Assert.Equal((4, 1), (report.GetProperty("totalRows").GetInt32(), report.GetProperty("succeeded").GetInt32()));
        var codes = report.GetProperty("failures").EnumerateArray()
            .SelectMany(f => f.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()))
            .ToList();
        Assert.Equal(["custom." + region + ":custom_value_invalid", "custom." + code + ":custom_value_taken", "custom:custom_invalid"], codes);

        var export = await host.Admin.Scenario(s =>
            s.Post.Json(new { filter = new { field = "custom." + region, op = "eq", value = "north" } }).ToUrl("/api/customers/export"));
        var lines = export.ReadAsText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",custom", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith(held.Id().ToString(), row, StringComparison.Ordinal);
        Assert.Contains($"\"\"{code}\"\":\"\"X-1\"\"", row, StringComparison.Ordinal);
    }
}
