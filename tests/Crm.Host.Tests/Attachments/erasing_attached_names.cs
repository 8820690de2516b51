using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Attachments.AttachmentApi;

namespace Crm.Host.Tests.Attachments;

/// <summary>A file name may name a person: erasing a customer's, lead's or contact's personal data masks its attachments' names too.</summary>
public sealed class erasing_attached_names(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Erased = "[erased]";

    private async Task EraseAsync(string path, int status = 200) => await host.Admin.Scenario(s =>
    {
        s.Post.Json(new { reason = "Data subject request" }).ToUrl(path + "/erase");
        if (status == 200) s.StatusCodeShouldBe(200);
        else s.ProblemShouldBe(status, code: "already_erased");
    });

    [Fact]
    public async Task an_erasure_masks_the_names_in_the_list_the_download_the_history_and_the_feed_and_a_later_file_can_be_erased_again()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var records = new[]
        {
            $"/api/customers/{customer.Id()}",
            $"/api/leads/{(await host.Admin.CreateLeadAsync()).Id()}",
            $"/api/contacts/{(await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Zhang Wei" })).Id()}",
        };
        foreach (var path in records)
        {
            var attached = await host.Admin.UploadAsync(path, Png, "Zhang Wei ID card.png");
            await EraseAsync(path);

            Assert.Equal(Erased, Assert.Single((await host.Admin.GetJsonAsync(path + "/attachments")).GetProperty("items").EnumerateArray())
                .GetProperty("fileName").GetString());
            Assert.Equal(Erased, (await host.Admin.GetJsonAsync(attached.Route())).GetProperty("fileName").GetString());
            var download = await host.Admin.Scenario(s => s.Get.Url(attached.Route() + "/content"));
            Assert.Equal(Png, download.Bytes());
            Assert.DoesNotContain("Zhang", download.Header("Content-Disposition"));
            var history = (await host.Admin.Scenario(s => s.Get.Url(path + "/history"))).ReadAsText();
            Assert.DoesNotContain("Zhang Wei ID card", history);
            Assert.Contains("attachment_added", history);

            // Attached after the erasure: new personal data, kept until the record is erased again (no 409 already_erased).
            var later = await host.Admin.UploadAsync(path, Pdf(), "Zhang Wei passport.pdf");
            Assert.Equal("Zhang Wei passport.pdf", later.GetProperty("fileName").GetString());
            await EraseAsync(path);
            Assert.Equal(Erased, (await host.Admin.GetJsonAsync(later.Route())).GetProperty("fileName").GetString());
            await EraseAsync(path, 409);
        }
        var feed = (await host.Admin.Scenario(s => s.Get.Url("/api/events?limit=1000"))).ReadAsText();
        Assert.DoesNotContain("Zhang Wei ID card", feed);
        Assert.DoesNotContain("Zhang Wei passport", feed);
    }

    /// <summary>
    /// An upload racing an erasure: the upload is appended at the record's version it read, so it lands wholly before the erasure
    /// (its name masked) or after it (its name kept, and the record erasable again) — never a kept name on a record that says erased.
    /// </summary>
    [Fact]
    public async Task an_upload_racing_an_erasure_is_either_masked_or_erasable_again()
    {
        for (var round = 0; round < 8; round++)
        {
            var path = $"/api/customers/{(await host.Admin.CreateCustomerAsync(new { phone = "010-62345678" })).Id()}";
            var upload = host.Admin.UploadAsync(path, Pdf(), "Li Na contract.pdf");
            var erase = EraseAsync(path);
            await Task.WhenAll(upload, erase);

            var name = (await host.Admin.GetJsonAsync((await upload).Route())).GetProperty("fileName").GetString();
            if (name == Erased)
            {
                await EraseAsync(path, 409);
                continue;
            }
            Assert.Equal("Li Na contract.pdf", name);
            await EraseAsync(path);
            Assert.Equal(Erased, (await host.Admin.GetJsonAsync((await upload).Route())).GetProperty("fileName").GetString());
        }
    }
}
