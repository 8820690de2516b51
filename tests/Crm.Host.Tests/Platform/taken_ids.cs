using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Scenes;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// A client-chosen id that some record already holds gets one answer, whatever holds it (a record the
/// caller cannot see, one of another kind, a user): 409 id_taken naming the field, never "already
/// exists", so the answer confirms nothing. A follow-up id used by any other follow-up is refused the same way.
/// </summary>
public sealed class taken_ids(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Message = "This id cannot be used; choose another.";

    private static readonly string[] Everything = [.. LeadApi.SalesPermissions.Union(CustomerApi.SalesRep).Union(["contact.create"])];

    /// <summary>Ids the sales user cannot see: another owner's customer, lead, contact and scene, a user and a department.</summary>
    private async Task<IReadOnlyList<Guid>> HiddenIdsAsync()
    {
        var customer = await NewCustomerAsync(host.Admin);
        var lead = await NewLeadAsync(host.Admin);
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Hidden" });
        var scene = await host.Admin.CreatedAsync(SceneApi.Route,
            new { kind = "leads", name = LeadApi.Unique("Scene"), filter = (object?)null, sort = (string?)null, isDefault = false });
        var admin = await host.Admin.GetJsonAsync("/api/auth/me");
        var department = await host.Admin.CreatedAsync("/api/departments", new { name = LeadApi.Unique("Dept") });
        return [customer.Id(), lead.Id(), contact.Id(), scene.Id(), admin.Id(), department.Id()];
    }

    [Fact]
    public async Task a_create_at_any_taken_id_is_one_409_id_taken_whatever_holds_it()
    {
        var (_, sales) = await host.SignedInUserAsync("self", Everything);
        var own = await NewCustomerAsync(sales);
        var answers = new List<JsonElement>();

        foreach (var id in await HiddenIdsAsync())
        {
            var events = await host.EventCountAsync();
            answers.Add(await TakenAsync(sales, "/api/customers", new { id, name = LeadApi.Unique("C") }, "id"));
            answers.Add(await TakenAsync(sales, "/api/leads", new { id, name = LeadApi.Unique("L") }, "id"));
            answers.Add(await TakenAsync(sales, "/api/contacts", new { id, customerId = own.Id(), name = "Z" }, "id"));
            answers.Add(await TakenAsync(sales, SceneApi.Route, new { id, kind = "leads", name = LeadApi.Unique("S") }, "id"));
            Assert.Equal(events, await host.EventCountAsync());
        }

        // The same words every time: nothing tells a hidden customer from a user or a department.
        Assert.Single(answers.Select(a => (a.GetProperty("title").GetString(), a.GetProperty("detail").GetString())).Distinct());
    }

    [Fact]
    public async Task an_org_or_user_create_at_a_taken_id_is_refused_and_never_appends_to_the_record()
    {
        var customer = await NewCustomerAsync(host.Admin);
        var events = await host.EventCountAsync();

        await TakenAsync(host.Admin, "/api/departments", new { id = customer.Id(), name = LeadApi.Unique("Dept") }, "id");
        var role = new { id = customer.Id(), name = LeadApi.Unique("Role"), permissions = new[] { "lead.list" }, dataScope = "self" };
        await TakenAsync(host.Admin, "/api/roles", role, "id");
        var user = new { id = customer.Id(), mobile = UserApi.NewMobile(), password = UserApi.Password, displayName = "Taken" };
        await TakenAsync(host.Admin, UserApi.Route, user, "id");
        var admin = await host.Admin.GetJsonAsync("/api/auth/me");
        await TakenAsync(host.Admin, UserApi.Route, user with { id = admin.Id(), mobile = UserApi.NewMobile() }, "id");

        Assert.Equal(events, await host.EventCountAsync());
        Assert.Equal("\"1\"", (await host.Admin.Scenario(s => s.Get.Url($"/api/customers/{customer.Id()}"))).ETag());
    }

    [Fact]
    public async Task a_conversion_to_a_taken_customer_or_contact_id_is_a_409_naming_that_field()
    {
        var (_, sales) = await host.SignedInUserAsync("self", Everything);
        var hidden = await HiddenIdsAsync();

        foreach (var id in hidden)
        {
            var lead = await NewLeadAsync(sales);
            var convert = $"{LeadApi.Route}/{lead.Id()}/convert";
            await TakenAsync(sales, convert, new { customerId = id, createAnyway = true }, "customerId");
            await TakenAsync(sales, convert, new { contactId = id, contact = new { name = "Li" }, createAnyway = true }, "contactId");
            var unchanged = await sales.GetJsonAsync($"{LeadApi.Route}/{lead.Id()}");
            Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("convertedCustomerId").ValueKind);
        }
    }

    [Fact]
    public async Task a_conversion_reusing_the_lead_id_or_its_own_customer_id_is_a_409_naming_that_field_not_a_500()
    {
        var (_, sales) = await host.SignedInUserAsync("self", Everything);
        var lead = await NewLeadAsync(sales);
        var convert = $"{LeadApi.Route}/{lead.Id()}/convert";
        var chosen = Guid.CreateVersion7();
        var events = await host.EventCountAsync();

        await TakenAsync(sales, convert, new { customerId = lead.Id(), createAnyway = true }, "customerId");
        var reusingTheLead = new { contactId = lead.Id(), contact = new { name = "Li" }, createAnyway = true };
        await TakenAsync(sales, convert, reusingTheLead, "contactId");
        var twice = new { customerId = chosen, contactId = chosen, contact = new { name = "Li" }, createAnyway = true };
        await TakenAsync(sales, convert, twice, "contactId");

        Assert.Equal(events, await host.EventCountAsync());
        await sales.Scenario(s => s.Post.Json(new { customerId = chosen, createAnyway = true }).ToUrl(convert));
    }

    [Fact]
    public async Task a_follow_up_id_used_by_any_other_follow_up_is_refused_the_same_way()
    {
        var (_, sales) = await host.SignedInUserAsync("self", Everything);
        var hiddenCustomer = await NewCustomerAsync(host.Admin);
        var hiddenLead = await NewLeadAsync(host.Admin);
        var usedOnCustomer = Guid.CreateVersion7();
        var usedOnLead = Guid.CreateVersion7();
        await host.Admin.CreatedAsync($"/api/customers/{hiddenCustomer.Id()}/follow-ups", new { id = usedOnCustomer, kind = "log", content = "x" });
        await host.Admin.CreatedAsync($"{LeadApi.Route}/{hiddenLead.Id()}/follow-ups", new { id = usedOnLead, kind = "phone", content = "x" });
        var customer = await NewCustomerAsync(sales);
        var contact = await sales.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Zhao" });
        var lead = await NewLeadAsync(sales);

        foreach (var used in new[] { usedOnCustomer, usedOnLead })
        {
            var log = new { id = used, kind = "log", content = "y" };
            await TakenAsync(sales, $"/api/customers/{customer.Id()}/follow-ups", log, "id");
            await TakenAsync(sales, $"/api/contacts/{contact.Id()}/follow-ups", log, "id");
            var followUp = new { id = used, kind = "phone", content = "y" };
            await TakenAsync(sales, $"{LeadApi.Route}/{lead.Id()}/follow-ups", followUp, "id");
        }

        // Its own id once more (no Idempotency-Key) is a reuse too; with a key the retry replays instead.
        var mine = Guid.CreateVersion7();
        var key = "fu-" + Guid.NewGuid();
        var followUps = $"/api/customers/{customer.Id()}/follow-ups";
        var body = new { id = mine, kind = "log", content = "z" };
        Action<Scenario> keyed = s =>
        {
            s.Post.Json(body).ToUrl(followUps);
            s.IdempotencyKey(key);
            s.StatusCodeShouldBe(201);
        };
        await sales.Scenario(keyed);
        Assert.Equal("true", (await sales.Scenario(keyed)).Header("Idempotent-Replayed"));
        await TakenAsync(sales, followUps, body, "id");
        var listed = await sales.GetJsonAsync($"/api/customers/{customer.Id()}/follow-ups");
        Assert.Equal([mine], listed.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray());
    }

    private static Task<JsonElement> NewCustomerAsync(ApiCaller caller) => caller.CreatedAsync(CustomerApi.Route, new { name = LeadApi.Unique("Acme") });

    private static Task<JsonElement> NewLeadAsync(ApiCaller caller) => caller.CreatedAsync(LeadApi.Route, new { name = LeadApi.Unique("Lead") });

    /// <summary>POSTs the body and expects the one id_taken answer naming the field.</summary>
    private static async Task<JsonElement> TakenAsync(ApiCaller caller, string url, object body, string field)
    {
        var problem = (await caller.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.ProblemShouldBe(409, field, code: "id_taken");
        })).Json();
        Assert.Equal(Message, problem.GetProperty("detail").GetString());
        Assert.Equal([Message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray());
        return problem;
    }
}
