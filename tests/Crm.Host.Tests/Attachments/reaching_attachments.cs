using System.Text.Json;
using Crm.Host.Tests.Contracts;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Opportunities;
using Crm.Host.Tests.Products;
using static Crm.Host.Tests.Attachments.AttachmentApi;

namespace Crm.Host.Tests.Attachments;

/// <summary>Attachments are reached exactly as their record is: its kind's permissions, its data scope, its team.</summary>
public sealed class reaching_attachments(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string[] Rep =
    [
        .. ContractApi.SalesRep, "lead.create", "lead.list", "lead.detail", "lead.edit", "opportunity.create", "opportunity.list",
        "opportunity.detail", "opportunity.edit", "product.detail", "task.create", "task.list", "task.detail", "task.edit",
    ];

    /// <summary>One record of each owned kind, created by <paramref name="owner"/>: (kind, path).</summary>
    private async Task<List<(string Kind, string Path)>> RecordsOfAsync(ApiCaller owner)
    {
        var customer = await owner.CreateCustomerAsync();
        return
        [
            ("lead", $"/api/leads/{(await owner.CreateLeadAsync()).Id()}"),
            ("customer", $"/api/customers/{customer.Id()}"),
            ("contact", $"/api/contacts/{(await owner.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Wang Fang" })).Id()}"),
            ("opportunity", $"/api/opportunities/{(await host.CreateOpportunityAsync(owner, customer.Id())).Id()}"),
            ("contract", (await owner.CreateContractAsync(customer.Id())).Path()),
            ("task", $"/api/tasks/{(await owner.CreatedAsync("/api/tasks", new { name = "Send the offer" })).Id()}"),
        ];
    }

    [Fact]
    public async Task the_owner_and_a_manager_in_scope_reach_them_and_an_outsider_gets_404_for_the_record_and_every_attachment_id()
    {
        var (_, owner) = await host.SignedInUserAsync("self", Rep);
        var (_, manager) = await host.SignedInUserAsync("all", Rep);
        var (_, outsider) = await host.SignedInUserAsync("self", Rep);
        foreach (var (kind, path) in await RecordsOfAsync(owner))
        {
            var mine = await owner.UploadAsync(path, Pdf());
            var managers = await manager.UploadAsync(path, Pdf());
            Assert.Equal(2, (await owner.GetJsonAsync(path + "/attachments")).GetProperty("items").GetArrayLength());
            Assert.Equal(200, await manager.StatusAsync(HttpMethod.Get, mine.Route() + "/content"));

            await outsider.Scenario(s => { s.Get.Url(path + "/attachments"); s.ProblemShouldBe(404, code: $"{kind}_not_found"); });
            using (var form = Form(Pdf(), "x.pdf"))
                await outsider.UploadRefusedAsync(path, form, 404, code: $"{kind}_not_found");
            foreach (var (method, suffix) in new[] { (HttpMethod.Get, ""), (HttpMethod.Get, "/content"), (HttpMethod.Delete, "") })
            {
                await outsider.Scenario(s =>
                {
                    if (method == HttpMethod.Delete) s.Delete.Url(mine.Route());
                    else s.Get.Url(mine.Route() + suffix);
                    s.ProblemShouldBe(404, code: "attachment_not_found");
                });
            }

            Assert.Equal(204, await owner.StatusAsync(HttpMethod.Delete, managers.Route()));
            Assert.Equal(204, await manager.StatusAsync(HttpMethod.Delete, mine.Route()));
        }
    }

    [Fact]
    public async Task a_read_only_team_member_lists_and_downloads_but_neither_uploads_nor_deletes()
    {
        var (memberId, member) = await host.SignedInUserAsync("self", Rep);
        var customer = await host.Admin.CreateCustomerAsync();
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Li Lei" });
        var opportunity = await host.CreateOpportunityAsync(host.Admin, customer.Id());
        var contract = await host.Admin.CreateContractAsync(customer.Id());
        // A task's participants are its read-only team.
        var task = await host.Admin.CreatedAsync("/api/tasks", new { name = "Visit Li Lei", participantIds = new[] { memberId } });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/team", new { userId = memberId, access = "read" });
        await host.Admin.SendAsync(HttpMethod.Post, $"/api/opportunities/{opportunity.Id()}/team", new { userId = memberId, access = "read" });
        await host.Admin.SendAsync(HttpMethod.Post, $"{contract.Path()}/team", new { userId = memberId, access = "read" });

        foreach (var path in new[] { $"/api/customers/{customer.Id()}", $"/api/contacts/{contact.Id()}", $"/api/opportunities/{opportunity.Id()}", contract.Path(),
            $"/api/tasks/{task.Id()}" })
        {
            var attached = await host.Admin.UploadAsync(path, Pdf());
            Assert.Single((await member.GetJsonAsync(path + "/attachments")).GetProperty("items").EnumerateArray());
            Assert.Equal(200, await member.StatusAsync(HttpMethod.Get, attached.Route() + "/content"));
            using (var form = Form(Pdf(), "x.pdf"))
                await member.UploadRefusedAsync(path, form, 403, code: "team_read_only");
            await member.Scenario(s => { s.Delete.Url(attached.Route()); s.ProblemShouldBe(403, code: "team_read_only"); });
        }
    }

    [Fact]
    public async Task products_are_reached_by_permission_alone()
    {
        var product = $"/api/products/{(await host.Admin.CreateProductAsync()).Id()}";
        var attached = await host.Admin.UploadAsync(product, Pdf());
        var (_, reader) = await host.SignedInUserAsync("self", "product.detail");
        var (_, stranger) = await host.SignedInUserAsync("all", "customer.detail");

        Assert.Single((await reader.GetJsonAsync(product + "/attachments")).GetProperty("items").EnumerateArray());
        Assert.Equal(200, await reader.StatusAsync(HttpMethod.Get, attached.Route() + "/content"));
        using (var form = Form(Pdf(), "x.pdf"))
            await reader.UploadRefusedAsync(product, form, 403, code: "permission_denied");
        await reader.Scenario(s => { s.Delete.Url(attached.Route()); s.ProblemShouldBe(403, code: "permission_denied"); });

        await stranger.Scenario(s => { s.Get.Url(product + "/attachments"); s.ProblemShouldBe(403, code: "permission_denied"); });
        await stranger.Scenario(s => { s.Get.Url(attached.Route()); s.ProblemShouldBe(404, code: "attachment_not_found"); });
        await stranger.Scenario(s => { s.Delete.Url(attached.Route()); s.ProblemShouldBe(404, code: "attachment_not_found"); });

        await host.Admin.SendAsync(HttpMethod.Delete, product, null, 204);
        await host.Admin.Scenario(s => { s.Get.Url(product + "/attachments"); s.ProblemShouldBe(404, code: "product_not_found"); });
        await host.Admin.Scenario(s => { s.Get.Url(attached.Route()); s.ProblemShouldBe(404, code: "attachment_not_found"); });
    }
}
