using System.Net.Http.Headers;
using System.Text;
using Alba;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Refusals;

/// <summary>Each way an import upload is refused as a whole, by its code, and nothing written.</summary>
public sealed class import_refusal_codes(HostFixture host) : IClassFixture<HostFixture>
{
    private const string ImportRoute = "/api/customers/import";

    private static Action<Scenario> Csv(string text, string type = "text/csv") =>
        s => s.Post.ByteArray(Encoding.UTF8.GetBytes(text)).ToUrl(ImportRoute).ContentType(type);

    private static Action<Scenario> Form(MultipartFormDataContent form) => s => s.Post.MultipartFormData(form).ToUrl(ImportRoute);

    private async Task AssertRefusedAsync(Action<Scenario> upload, int status, string? field, string code)
    {
        var before = await host.EventCountAsync();
        await host.Admin.Scenario(s =>
        {
            upload(s);
            s.ProblemShouldBe(status, field, code);
        });
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
        await AssertRefusedAsync(Form(form), 400, "file", "file_required");
    }

    [Fact]
    public async Task a_form_whose_file_is_not_csv_is_a_415_csv_required()
    {
        using var form = new MultipartFormDataContent();
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "file", "logo.png");
        await AssertRefusedAsync(Form(form), 415, null, "csv_required");
    }
}
