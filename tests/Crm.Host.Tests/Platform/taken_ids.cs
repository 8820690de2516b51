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
        var customer = await host.Client.CreateCustomerAsync();
        var lead = await host.Client.CreateLeadAsync();
        var contact = await (await host.Client.SendAsync(HttpMethod.Post, "/api/contacts", new { customerId = customer.Id(), name = "Hidden" })).JsonAsync();
        var scene = await host.Client.CreateSceneAsync();
        var admin = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        var department = await (await host.Client.PostJsonAsync("/api/departments", new { name = LeadApi.Unique("Dept") })).JsonAsync();
        return [customer.Id(), lead.Id(), contact.Id(), scene.Id(), admin.Id(), department.Id()];
    }

    [Fact]
    public async Task a_create_at_any_taken_id_is_one_409_id_taken_whatever_holds_it()
    {
        var (_, sales) = await host.SalesUserAsync("self", Everything);
        var own = await sales.CreateCustomerAsync();
        var answers = new List<JsonElement>();

        foreach (var id in await HiddenIdsAsync())
        {
            var events = await host.EventCountAsync();
            answers.Add(await AssertTakenAsync(await sales.PostJsonAsync("/api/customers", new { id, name = LeadApi.Unique("C") }), "id"));
            answers.Add(await AssertTakenAsync(await sales.PostJsonAsync("/api/leads", new { id, name = LeadApi.Unique("L") }), "id"));
            answers.Add(await AssertTakenAsync(await sales.PostJsonAsync("/api/contacts", new { id, customerId = own.Id(), name = "Z" }), "id"));
            answers.Add(await AssertTakenAsync(await sales.PostJsonAsync(SceneApi.Route, new { id, kind = "leads", name = LeadApi.Unique("S") }), "id"));
            Assert.Equal(events, await host.EventCountAsync());
        }

        // The same words every time: nothing tells a hidden customer from a user or a department.
        Assert.Single(answers.Select(a => (a.GetProperty("title").GetString(), a.GetProperty("detail").GetString())).Distinct());
    }

    [Fact]
    public async Task an_org_or_user_create_at_a_taken_id_is_refused_and_never_appends_to_the_record()
    {
        var customer = await host.Client.CreateCustomerAsync();
        var events = await host.EventCountAsync();

        await AssertTakenAsync(await host.Client.PostJsonAsync("/api/departments", new { id = customer.Id(), name = LeadApi.Unique("Dept") }), "id");
        var role = new { id = customer.Id(), name = LeadApi.Unique("Role"), permissions = new[] { "lead.list" }, dataScope = "self" };
        await AssertTakenAsync(await host.Client.PostJsonAsync("/api/roles", role), "id");
        var user = new { id = customer.Id(), mobile = UserApi.NewMobile(), password = UserApi.Password, displayName = "Taken" };
        await AssertTakenAsync(await host.Client.PostJsonAsync(UserApi.Route, user), "id");
        var admin = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        await AssertTakenAsync(await host.Client.PostJsonAsync(UserApi.Route, user with { id = admin.Id(), mobile = UserApi.NewMobile() }), "id");

        Assert.Equal(events, await host.EventCountAsync());
        Assert.Equal("\"1\"", (await host.Client.GetAsync($"/api/customers/{customer.Id()}")).ETag());
    }

    [Fact]
    public async Task a_conversion_to_a_taken_customer_or_contact_id_is_a_409_naming_that_field()
    {
        var (_, sales) = await host.SalesUserAsync("self", Everything);
        var hidden = await HiddenIdsAsync();

        foreach (var id in hidden)
        {
            var lead = await sales.CreateLeadAsync();
            var convert = $"{LeadApi.Route}/{lead.Id()}/convert";
            await AssertTakenAsync(await sales.PostJsonAsync(convert, new { customerId = id, createAnyway = true }), "customerId");
            await AssertTakenAsync(await sales.PostJsonAsync(convert, new { contactId = id, contact = new { name = "Li" }, createAnyway = true }), "contactId");
            var unchanged = await (await sales.GetAsync($"{LeadApi.Route}/{lead.Id()}")).JsonAsync();
            Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("convertedCustomerId").ValueKind);
        }
    }

    [Fact]
    public async Task a_conversion_reusing_the_lead_id_or_its_own_customer_id_is_a_409_naming_that_field_not_a_500()
    {
        var (_, sales) = await host.SalesUserAsync("self", Everything);
        var lead = await sales.CreateLeadAsync();
        var convert = $"{LeadApi.Route}/{lead.Id()}/convert";
        var chosen = Guid.CreateVersion7();
        var events = await host.EventCountAsync();

        await AssertTakenAsync(await sales.PostJsonAsync(convert, new { customerId = lead.Id(), createAnyway = true }), "customerId");
        var reusingTheLead = new { contactId = lead.Id(), contact = new { name = "Li" }, createAnyway = true };
        await AssertTakenAsync(await sales.PostJsonAsync(convert, reusingTheLead), "contactId");
        var twice = new { customerId = chosen, contactId = chosen, contact = new { name = "Li" }, createAnyway = true };
        await AssertTakenAsync(await sales.PostJsonAsync(convert, twice), "contactId");

        Assert.Equal(events, await host.EventCountAsync());
        var converted = await sales.PostJsonAsync(convert, new { customerId = chosen, createAnyway = true });
        Assert.Equal(200, (int)converted.StatusCode);
    }

    [Fact]
    public async Task a_follow_up_id_used_by_any_other_follow_up_is_refused_the_same_way()
    {
        var (_, sales) = await host.SalesUserAsync("self", Everything);
        var hiddenCustomer = await host.Client.CreateCustomerAsync();
        var hiddenLead = await host.Client.CreateLeadAsync();
        var usedOnCustomer = Guid.CreateVersion7();
        var usedOnLead = Guid.CreateVersion7();
        var onCustomer = await host.Client.PostJsonAsync(
            $"/api/customers/{hiddenCustomer.Id()}/follow-ups", new { id = usedOnCustomer, kind = "log", content = "x" });
        Assert.Equal(201, (int)onCustomer.StatusCode);
        var onLead = await host.Client.PostJsonAsync($"{LeadApi.Route}/{hiddenLead.Id()}/follow-ups", new { id = usedOnLead, kind = "phone", content = "x" });
        Assert.Equal(201, (int)onLead.StatusCode);
        var customer = await sales.CreateCustomerAsync();
        var contact = await (await sales.PostJsonAsync("/api/contacts", new { customerId = customer.Id(), name = "Zhao" })).JsonAsync();
        var lead = await sales.CreateLeadAsync();

        foreach (var used in new[] { usedOnCustomer, usedOnLead })
        {
            var log = new { id = used, kind = "log", content = "y" };
            await AssertTakenAsync(await sales.PostJsonAsync($"/api/customers/{customer.Id()}/follow-ups", log), "id");
            await AssertTakenAsync(await sales.PostJsonAsync($"/api/contacts/{contact.Id()}/follow-ups", log), "id");
            var followUp = new { id = used, kind = "phone", content = "y" };
            await AssertTakenAsync(await sales.PostJsonAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", followUp), "id");
        }

        // Its own id once more (no Idempotency-Key) is a reuse too; with a key the retry replays instead.
        var mine = Guid.CreateVersion7();
        var key = ("Idempotency-Key", "fu-" + Guid.NewGuid());
        var followUps = $"/api/customers/{customer.Id()}/follow-ups";
        var body = new { id = mine, kind = "log", content = "z" };
        Assert.Equal(201, (int)(await sales.PostJsonAsync(followUps, body, key)).StatusCode);
        Assert.Equal("true", (await sales.PostJsonAsync(followUps, body, key)).Header("Idempotent-Replayed"));
        await AssertTakenAsync(await sales.PostJsonAsync(followUps, body), "id");
        var listed = await (await sales.GetAsync($"/api/customers/{customer.Id()}/follow-ups")).JsonAsync();
        Assert.Equal([mine], listed.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray());
    }

    private static async Task<JsonElement> AssertTakenAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(409, field);
        Assert.Equal("id_taken", problem.GetProperty("code").GetString());
        Assert.Equal(Message, problem.GetProperty("detail").GetString());
        Assert.Equal([Message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray());
        return problem;
    }
}
