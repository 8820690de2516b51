using System.Net.Http.Headers;
using System.Text;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Refusals;

/// <summary>Each way an import upload is refused as a whole, by its code, and nothing written.</summary>
public sealed class import_refusal_codes(HostFixture host) : IClassFixture<HostFixture>
{
    private const string ImportRoute = "/api/customers/import";

    private static ByteArrayContent Csv(string text, string type = "text/csv")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private async Task AssertRefusedAsync(HttpContent body, int status, string? field, string code)
    {
        var before = await host.EventCountAsync();
        var problem = await (await host.Client.PostAsync(ImportRoute, body)).AssertProblemAsync(status, field);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,\nAcme,,\n")]
    public async Task a_csv_without_a_header_row_is_csv_empty(string csv) => await AssertRefusedAsync(Csv(csv), 400, "file", "csv_empty");

    [Fact]
    public async Task a_form_without_a_file_part_is_file_required()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await AssertRefusedAsync(form, 400, "file", "file_required");
    }

    [Fact]
    public async Task a_form_whose_file_is_not_csv_is_a_415_csv_required()
    {
        using var form = new MultipartFormDataContent();
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "file", "logo.png");
        await AssertRefusedAsync(form, 415, null, "csv_required");
    }
}
