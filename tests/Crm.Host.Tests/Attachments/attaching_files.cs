using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Contracts;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Opportunities;
using Crm.Host.Tests.Products;
using Crm.Projections.Attachments;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Attachments.AttachmentApi;

namespace Crm.Host.Tests.Attachments;

public sealed class attaching_files(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_file_is_uploaded_listed_read_downloaded_and_deleted_as_a_change_in_the_records_history()
    {
        var customer = $"/api/customers/{(await host.Admin.CreateCustomerAsync()).Id()}";
        // A PNG named .pdf and labelled text/plain is stored as what its bytes are.
        var attached = await host.Admin.UploadAsync(customer, Png, "scan.pdf", "text/plain");
        Assert.Equal("image/png", attached.GetProperty("contentType").GetString());
        Assert.Equal("scan.pdf", attached.GetProperty("fileName").GetString());
        Assert.Equal(Png.Length, attached.GetProperty("size").GetInt64());
        var sha = Convert.ToHexStringLower(SHA256.HashData(Png));
        Assert.Equal(sha, attached.GetProperty("sha256").GetString());
        Assert.Equal($"{attached.Route()}/content", attached.GetProperty("content").GetString());

        var listed = await host.Admin.GetJsonAsync(customer + "/attachments");
        Assert.Equal(attached.Id(), Assert.Single(listed.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal("customer", (await host.Admin.GetJsonAsync(attached.Route())).GetProperty("recordKind").GetString());

        var download = await host.Admin.Scenario(s => s.Get.Url(attached.Route() + "/content"));
        Assert.Equal(Png, download.Bytes());
        Assert.Equal("image/png", download.Header("Content-Type"));
        Assert.Equal($"\"{sha}\"", download.ETag());
        Assert.Equal("nosniff", download.Header("X-Content-Type-Options"));
        Assert.Equal("attachment; filename=\"scan.pdf\"; filename*=UTF-8''scan.pdf", download.Header("Content-Disposition"));

        await host.Admin.Scenario(s =>
        {
            s.Delete.Url(attached.Route());
            s.StatusCodeShouldBe(204);
        });
        Assert.Equal(0, (await host.Admin.GetJsonAsync(customer + "/attachments")).GetProperty("items").GetArrayLength());
        foreach (var path in new[] { attached.Route(), attached.Route() + "/content" })
            await host.Admin.Scenario(s => { s.Get.Url(path); s.ProblemShouldBe(404, code: "attachment_not_found"); });
        await host.Admin.Scenario(s => { s.Delete.Url(attached.Route()); s.ProblemShouldBe(404, code: "attachment_not_found"); });

        var history = (await host.Admin.GetJsonAsync(customer + "/history")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "attachment_added", "attachment_removed"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.Contains("scan.pdf (image/png", history[1].GetProperty("changes")[0].GetProperty("new").GetString());
        // An edit after the attachment's changes, with the ETag read after them.
        var etag = (await host.Admin.Scenario(s => s.Get.Url(customer))).ETag();
        await host.Admin.SendAsync(HttpMethod.Patch, customer, new { remark = "Scanned" }, 200, etag);
    }

    [Fact]
    public async Task every_kind_of_record_takes_attachments_and_shows_them_in_its_history()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var records = new[]
        {
            $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}",
            $"/api/customers/{customer.Id()}",
            $"/api/contacts/{(await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Wang Fang" })).Id()}",
            $"/api/opportunities/{(await host.CreateOpportunityAsync(host.Admin, customer.Id())).Id()}",
            (await host.Admin.CreateContractAsync(customer.Id())).Path(),
            $"/api/products/{(await host.Admin.CreateProductAsync()).Id()}",
            $"/api/tasks/{(await host.Admin.CreatedAsync("/api/tasks", new { name = "Sign the scan" })).Id()}",
        };
        foreach (var record in records)
        {
            var attached = await host.Admin.UploadAsync(record, Pdf(), "合同扫描件.pdf");
            Assert.Equal("application/pdf", attached.GetProperty("contentType").GetString());
            Assert.Equal(attached.Id(), Assert.Single((await host.Admin.GetJsonAsync(record + "/attachments")).GetProperty("items").EnumerateArray()).Id());
            var actions = (await host.Admin.GetJsonAsync(record + "/history")).GetProperty("items").EnumerateArray()
                .Select(e => e.GetProperty("action").GetString());
            Assert.Contains("attachment_added", actions);
            // The record's ETag is its stream's version: an upload moves it, so If-Match keeps working after one.
            Assert.Equal($"\"{attached.GetProperty("recordVersion").GetInt64()}\"", (await host.Admin.Scenario(s => s.Get.Url(record))).ETag());
            var download = await host.Admin.Scenario(s => s.Get.Url(attached.Route() + "/content"));
            Assert.EndsWith("filename*=UTF-8''%E5%90%88%E5%90%8C%E6%89%AB%E6%8F%8F%E4%BB%B6.pdf", download.Header("Content-Disposition"));
        }
    }

    [Fact]
    public async Task the_same_bytes_twice_are_two_attachments_and_one_blob()
    {
        var lead = $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}";
        var bytes = Pdf();
        var first = await host.Admin.UploadAsync(lead, bytes, "a.pdf");
        var second = await host.Admin.UploadAsync(lead, bytes, "b.pdf");

        Assert.NotEqual(first.Id(), second.Id());
        Assert.Equal(first.GetProperty("sha256").GetString(), second.GetProperty("sha256").GetString());
        var blobs = host.Services.GetRequiredService<AttachmentBlobs>();
        Assert.Equal(1, await blobs.CountAsync([first.GetProperty("sha256").GetString()!], default));
        Assert.Equal(2, (await host.Admin.GetJsonAsync(lead + "/attachments")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("../../etc/\u202Epasswd.txt", "passwd.txt")]
    [InlineData("C:\\fakepath\\报价单 v2.xlsx", "报价单 v2.xlsx")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("...", "file")]
    public async Task file_names_are_sanitised(string given, string kept)
    {
        var lead = $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}";
        var body = Encoding.UTF8.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''"
            + Uri.EscapeDataString(given) + "\r\nContent-Type: application/pdf\r\n\r\nhello\r\n--b0undary--\r\n");
        var attached = (await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray(body).ToUrl(lead + "/attachments");
            s.WithRequestHeader("Content-Type", "multipart/form-data; boundary=b0undary");
            s.StatusCodeShouldBe(201);
        })).Json();
        Assert.Equal(kept, attached.GetProperty("fileName").GetString());
        Assert.Equal("text/plain", attached.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task a_retry_with_its_idempotency_key_answers_the_first_upload_and_another_file_with_it_is_refused()
    {
        var lead = $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}";
        var key = Guid.NewGuid().ToString();
        var bytes = Pdf();
        async Task<Alba.IScenarioResult> SendAsync(byte[] content, int status)
        {
            using var form = Form(content, "a.pdf");
            return await host.Admin.Scenario(s =>
            {
                s.Post.MultipartFormData(form).ToUrl(lead + "/attachments");
                s.IdempotencyKey(key);
                if (status == 201) s.StatusCodeShouldBe(201);
                else s.ProblemShouldBe(status, "Idempotency-Key", "idempotency_key_reused");
            });
        }
        var first = (await SendAsync(bytes, 201)).Json();
        var again = await SendAsync(bytes, 201);
        Assert.Equal(first.Id(), again.Json().Id());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        await SendAsync(Pdf(), 422);
        Assert.Single((await host.Admin.GetJsonAsync(lead + "/attachments")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task bad_uploads_and_ids_are_problems_naming_what_is_wrong()
    {
        var lead = $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}";
        var before = await host.EventCountAsync();
        using (var none = new MultipartFormDataContent { { new StringContent("x"), "note" } })
            await host.Admin.UploadRefusedAsync(lead, none, 400, "file", "file_required");
        using (var empty = Form([], "empty.pdf"))
            await host.Admin.UploadRefusedAsync(lead, empty, 400, "file", "file_empty");
        using (var two = Form(Pdf(), "1.pdf"))
        {
            two.Add(new ByteArrayContent(Pdf()), "file", "2.pdf");
            await host.Admin.UploadRefusedAsync(lead, two, 400, "file", "file_repeated");
        }
        await host.Admin.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\ncut"))
                .ToUrl(lead + "/attachments");
            s.WithRequestHeader("Content-Type", "multipart/form-data; boundary=b0undary");
            s.ProblemShouldBe(400, "file", "form_invalid");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { file = "x" }).ToUrl(lead + "/attachments");
            s.ProblemShouldBe(415, "Content-Type", "media_type_unsupported");
        });
        using (var form = Form(Pdf(), "a.pdf"))
            await host.Admin.UploadRefusedAsync("/api/leads/not-a-uuid", form, 400, "id");
        using (var form = Form(Pdf(), "a.pdf"))
            await host.Admin.UploadRefusedAsync($"/api/leads/{Guid.NewGuid()}", form, 404, code: "lead_not_found");
        using (var form = Form(Pdf(), "a.pdf"))
            await host.Admin.UploadRefusedAsync($"/api/things/{Guid.NewGuid()}", form, 404);
        await host.Admin.Scenario(s => { s.Get.Url("/api/attachments/not-a-uuid"); s.ProblemShouldBe(400, "id"); });
        await host.Admin.Scenario(s => { s.Get.Url($"/api/attachments/{Guid.NewGuid()}/content"); s.ProblemShouldBe(404, code: "attachment_not_found"); });
        Assert.Equal(before, await host.EventCountAsync());
    }
}
