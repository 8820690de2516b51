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
        var (aId, a) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var (bId, b) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var key = "shared-" + Guid.NewGuid();
        var body = BodyFor(route, LeadApi.Unique("Same"));

        var theirs = (await a.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(route);
            s.IdempotencyKey(key);
            s.StatusCodeShouldBe(201);
        })).Json();
        var mine = await b.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(route);
            s.IdempotencyKey(key);
            s.IgnoreStatusCode();
        });

        // Not A's record: B's own (a duplicate name for customers and leads, so B is told about a duplicate, never A's record).
        Assert.Null(mine.Header("Idempotent-Replayed"));
        if (mine.Status() == 201)
        {
            var created = mine.Json();
            Assert.NotEqual(theirs.Id(), created.Id());
            await AssertOwnedByAsync(route, created, bId, b);
        }
        else
        {
            var problem = mine.ShouldBeProblem(409, code: "duplicate_suspected");
            Assert.DoesNotContain(theirs.Id().ToString(), problem.ToString());
        }
        Assert.NotEqual(aId, bId);
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task another_callers_key_with_another_body_is_a_new_request_not_a_reused_key(string route)
    {
        var (_, a) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var (bId, b) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        var key = "shared-" + Guid.NewGuid();
        var first = await a.Scenario(s =>
        {
            s.Post.Json(BodyFor(route, LeadApi.Unique("A's"))).ToUrl(route);
            s.IdempotencyKey(key);
            s.StatusCodeShouldBe(201);
        });

        var mine = BodyFor(route, LeadApi.Unique("B's"));
        Action<Scenario> create = s =>
        {
            s.Post.Json(mine).ToUrl(route);
            s.IdempotencyKey(key);
            s.StatusCodeShouldBe(201);
        };
        var created = (await b.Scenario(create)).Json();

        Assert.NotEqual(first.Json().Id(), created.Id());
        await AssertOwnedByAsync(route, created, bId, b);
        // B's own retry replays B's record.
        var retry = await b.Scenario(create);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(created.Id(), retry.Json().Id());
    }

    [Fact]
    public async Task racing_creates_with_one_key_and_a_client_chosen_id_all_answer_the_first_customer()
    {
        var id = Guid.CreateVersion7();
        var body = new { id, name = LeadApi.Unique("Racing") };
        var key = "race-" + Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RacingCreate(host.Admin, "/api/customers", body, key)));

        AssertFirstAnswer(responses, id);
    }

    [Fact]
    public async Task racing_contact_creates_with_one_key_and_a_client_chosen_id_all_answer_the_first_contact()
    {
        // Contacts take no duplicate-check lock: only the key's own lock orders these.
        var customer = await host.Admin.CreatedAsync("/api/customers", new { name = LeadApi.Unique("Of contacts") });
        var id = Guid.CreateVersion7();
        var body = new { id, customerId = customer.Id(), name = "Racing" };
        var key = "race-" + Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RacingCreate(host.Admin, "/api/contacts", body, key)));

        AssertFirstAnswer(responses, id);
    }

    [Fact]
    public async Task racing_default_scene_creates_with_one_key_and_a_client_chosen_id_all_answer_the_first_scene()
    {
        var (_, sales) = await host.SignedInUserAsync("self", LeadApi.SalesPermissions);
        await sales.CreatedAsync(SceneApi.Route,
            new { kind = "customers", name = LeadApi.Unique("Scene"), filter = (object?)null, sort = (string?)null, isDefault = true });
        var id = Guid.CreateVersion7();
        // A new default clears the previous one in the same append: a command over two streams.
        var body = new { id, kind = "customers", name = LeadApi.Unique("Racing"), isDefault = true };
        var key = "race-" + Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RacingCreate(sales, SceneApi.Route, body, key)));

        AssertFirstAnswer(responses, id);
        var list = await sales.GetJsonAsync($"{SceneApi.Route}?kind=customers");
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("isDefault").GetBoolean()).Id());
    }

    private static Task<IScenarioResult> RacingCreate(ApiCaller caller, string route, object body, string key) => caller.Scenario(s =>
    {
        s.Post.Json(body).ToUrl(route);
        s.IdempotencyKey(key);
        s.StatusCodeShouldBe(201);
    });

    /// <summary>The record is the caller's: its owner (scenes have none shown, but only their owner can read them).</summary>
    private static async Task AssertOwnedByAsync(string route, JsonElement created, Guid owner, ApiCaller caller)
    {
        if (created.TryGetProperty("ownerId", out var ownerId)) Assert.Equal(owner, ownerId.GetGuid());
        await caller.Scenario(s => s.Get.Url($"{route}/{created.Id()}"));
    }

    /// <summary>All answered 201 (each scenario's expectation); one ran, seven replayed it.</summary>
    private static void AssertFirstAnswer(IScenarioResult[] responses, Guid id)
    {
        Assert.Equal(1, responses.Count(r => r.Header("Idempotent-Replayed") is null));
        Assert.Equal(7, responses.Count(r => r.Header("Idempotent-Replayed") == "true"));
        foreach (var r in responses) Assert.Equal(id, r.Json().Id());
        Assert.Single(responses.Select(r => r.ETag()).Distinct());
    }
}
