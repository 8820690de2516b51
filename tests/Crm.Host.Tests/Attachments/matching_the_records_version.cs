using System.Security.Cryptography;
using Alba;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Npgsql;
using static Crm.Host.Tests.Attachments.AttachmentApi;

namespace Crm.Host.Tests.Attachments;

/// <summary>If-Match on an upload and a deletion is the record's ETag (its stream's version): the attachment events go in that stream.</summary>
public sealed class matching_the_records_version(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task an_upload_with_a_stale_if_match_is_refused_and_writes_nothing_and_a_current_one_answers_the_records_new_etag()
    {
        var customer = $"/api/customers/{(await host.Admin.CreateCustomerAsync()).Id()}";
        var read = (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag()!;
        await host.Admin.ExpectAsync(HttpMethod.Patch, customer, new { remark = "Changed since the read" });
        var current = (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag()!;

        var stale = Pdf();
        using (var form = Form(stale, "stale.pdf")) await UploadAsync(form, customer, read, s => s.ProblemShouldBe(412, code: "stale_version"));
        Assert.Empty((await host.Admin.GetJsonAsync(customer + "/attachments")).GetProperty("items").EnumerateArray());
        Assert.Equal(current, (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag());
        Assert.False(await StoredAsync(stale));

        var fresh = Pdf();
        IScenarioResult uploaded;
        using (var form = Form(fresh, "fresh.pdf")) uploaded = await UploadAsync(form, customer, current, s => s.StatusCodeShouldBe(201));
        var attached = uploaded.Json();
        Assert.Equal($"\"{attached.GetProperty("recordVersion").GetInt64()}\"", uploaded.ETag());
        Assert.NotEqual(current, uploaded.ETag());
        Assert.Equal(uploaded.ETag(), (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag());
        Assert.True(await StoredAsync(fresh));

        // The upload's ETag is the If-Match of the record's next change.
        await host.Admin.ExpectAsync(HttpMethod.Patch, customer, new { remark = "After the upload" }, ifMatch: uploaded.ETag());
        using (var form = Form(Pdf(), "bad.pdf"))
            await UploadAsync(form, customer, "W/\"1\"", s => s.ProblemShouldBe(400, "If-Match", "if_match_invalid"));
    }

    [Fact]
    public async Task a_deletion_with_a_stale_if_match_is_refused_and_writes_nothing_and_a_current_one_answers_the_records_new_etag()
    {
        var customer = $"/api/customers/{(await host.Admin.CreateCustomerAsync()).Id()}";
        var attached = await host.Admin.UploadAsync(customer, Pdf(), "kept.pdf");
        var stale = $"\"{attached.GetProperty("recordVersion").GetInt64()}\"";
        await host.Admin.UploadAsync(customer, Pdf(), "another.pdf");
        var current = (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag()!;

        await host.Admin.RefusalAsync(HttpMethod.Delete, attached.Route(), null, 412, code: "stale_version", ifMatch: stale);
        Assert.Equal(2, (await host.Admin.GetJsonAsync(customer + "/attachments")).GetProperty("items").GetArrayLength());
        await host.Admin.SendAsync("GET", attached.Route());
        Assert.Equal(current, (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag());
        await host.Admin.RefusalAsync(HttpMethod.Delete, attached.Route(), null, 400, "If-Match", "if_match_invalid", ifMatch: "\"x\"");

        var deleted = await host.Admin.ExpectAsync(HttpMethod.Delete, attached.Route(), null, 204, ifMatch: current);
        Assert.NotEqual(current, deleted.ETag());
        Assert.Equal(deleted.ETag(), (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag());
        Assert.Single((await host.Admin.GetJsonAsync(customer + "/attachments")).GetProperty("items").EnumerateArray());

        // Without If-Match a deletion applies to the record as it is now, as every other write.
        var last = (await host.Admin.GetJsonAsync(customer + "/attachments")).GetProperty("items")[0];
        var gone = await host.Admin.ExpectAsync(HttpMethod.Delete, last.Route(), null, 204);
        Assert.Equal(gone.ETag(), (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag());
    }

    private Task<IScenarioResult> UploadAsync(MultipartFormDataContent form, string record, string ifMatch, Action<Scenario> expect) =>
        host.Admin.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl(record + "/attachments");
            s.IfMatch(ifMatch);
            expect(s);
        });

    private async Task<bool> StoredAsync(byte[] content)
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select exists (select 1 from crm.attachment_blobs where sha256 = @sha)");
        cmd.Parameters.Add(new NpgsqlParameter<byte[]>("sha", SHA256.HashData(content)));
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }
}
