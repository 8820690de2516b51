using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Scenes;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// An Idempotency-Key belongs to the caller who sent it: another caller repeating it (with the same body
/// or another) makes a new request of their own, and learns nothing about the first. Requests racing
/// with one key all answer the first request's result.
/// </summary>
public sealed class idempotency_keys_per_caller(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string> Creates => new() { "/api/customers", "/api/leads", "/api/scenes" };

    private static object BodyFor(string route, string name) => route == "/api/scenes"
        ? new { kind = "leads", name }
        : new { name, email = Guid.NewGuid().ToString("N")[..10] + "@caller.example", remark = "A's secret remark" };

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task another_callers_key_and_body_make_a_new_record_of_their_own(string route)
    {
        var (aId, a) = await host.SalesUserAsync("self");
        var (bId, b) = await host.SalesUserAsync("self");
        var key = ("Idempotency-Key", "shared-" + Guid.NewGuid());
        var body = BodyFor(route, LeadApi.Unique("Same"));

        var first = await a.PostJsonAsync(route, body, key);
        Assert.True(201 == (int)first.StatusCode, await first.Content.ReadAsStringAsync());
        var theirs = await first.JsonAsync();
        var mine = await b.PostJsonAsync(route, body, key);

        // Not A's record: B's own (a duplicate name for customers and leads, so B is told about a duplicate, never A's record).
        Assert.Null(mine.Header("Idempotent-Replayed"));
        if ((int)mine.StatusCode == 201)
        {
            var created = await mine.JsonAsync();
            Assert.NotEqual(theirs.Id(), created.Id());
            await AssertOwnedByAsync(route, created, bId, b);
        }
        else
        {
            var problem = await mine.AssertProblemAsync(409);
            Assert.Equal("duplicate_suspected", problem.GetProperty("code").GetString());
            Assert.DoesNotContain(theirs.Id().ToString(), problem.ToString());
        }
        Assert.NotEqual(aId, bId);
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task another_callers_key_with_another_body_is_a_new_request_not_a_reused_key(string route)
    {
        var (_, a) = await host.SalesUserAsync("self");
        var (bId, b) = await host.SalesUserAsync("self");
        var key = ("Idempotency-Key", "shared-" + Guid.NewGuid());
        var first = await a.PostJsonAsync(route, BodyFor(route, LeadApi.Unique("A's")), key);
        Assert.Equal(201, (int)first.StatusCode);

        var mine = BodyFor(route, LeadApi.Unique("B's"));
        var other = await b.PostJsonAsync(route, mine, key);

        Assert.True(201 == (int)other.StatusCode, await other.Content.ReadAsStringAsync());
        var created = await other.JsonAsync();
        Assert.NotEqual((await first.JsonAsync()).Id(), created.Id());
        await AssertOwnedByAsync(route, created, bId, b);
        // B's own retry replays B's record.
        var retry = await b.PostJsonAsync(route, mine, key);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(created.Id(), (await retry.JsonAsync()).Id());
    }

    [Fact]
    public async Task racing_creates_with_one_key_and_a_client_chosen_id_all_answer_the_first_customer()
    {
        var id = Guid.CreateVersion7();
        var body = new { id, name = LeadApi.Unique("Racing") };
        var key = ("Idempotency-Key", "race-" + Guid.NewGuid());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Client.PostJsonAsync("/api/customers", body, key)));

        await AssertFirstAnswerAsync(responses, id);
    }

    [Fact]
    public async Task racing_contact_creates_with_one_key_and_a_client_chosen_id_all_answer_the_first_contact()
    {
        // Contacts take no duplicate-check lock: only the key's own lock orders these.
        var customer = await host.Client.PostJsonAsync("/api/customers", new { name = LeadApi.Unique("Of contacts") });
        var id = Guid.CreateVersion7();
        var body = new { id, customerId = (await customer.JsonAsync()).Id(), name = "Racing" };
        var key = ("Idempotency-Key", "race-" + Guid.NewGuid());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Client.PostJsonAsync("/api/contacts", body, key)));

        await AssertFirstAnswerAsync(responses, id);
    }

    [Fact]
    public async Task racing_default_scene_creates_with_one_key_and_a_client_chosen_id_all_answer_the_first_scene()
    {
        var (_, sales) = await host.SalesUserAsync("self");
        await sales.CreateSceneAsync("customers", isDefault: true);
        var id = Guid.CreateVersion7();
        // A new default clears the previous one in the same append: a command over two streams.
        var body = new { id, kind = "customers", name = LeadApi.Unique("Racing"), isDefault = true };
        var key = ("Idempotency-Key", "race-" + Guid.NewGuid());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sales.PostJsonAsync(SceneApi.Route, body, key)));

        await AssertFirstAnswerAsync(responses, id);
        var list = await (await sales.GetAsync($"{SceneApi.Route}?kind=customers")).JsonAsync();
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("isDefault").GetBoolean()).Id());
    }

    /// <summary>The record is the caller's: its owner (scenes have none shown, but only their owner can read them).</summary>
    private static async Task AssertOwnedByAsync(string route, JsonElement created, Guid owner, HttpClient client)
    {
        if (created.TryGetProperty("ownerId", out var ownerId)) Assert.Equal(owner, ownerId.GetGuid());
        Assert.Equal(200, (int)(await client.GetAsync($"{route}/{created.Id()}")).StatusCode);
    }

    private static async Task AssertFirstAnswerAsync(HttpResponseMessage[] responses, Guid id)
    {
        foreach (var r in responses) Assert.True(201 == (int)r.StatusCode, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        Assert.Equal(1, responses.Count(r => r.Header("Idempotent-Replayed") is null));
        Assert.Equal(7, responses.Count(r => r.Header("Idempotent-Replayed") == "true"));
        foreach (var r in responses) Assert.Equal(id, (await r.JsonAsync()).Id());
        Assert.Single(responses.Select(r => r.ETag()).Distinct());
    }
}
