using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;
using static Crm.Host.Tests.Integrations.IntegrationApi;

namespace Crm.Host.Tests.Integrations;

/// <summary>SET-5: API tokens sign in as their creator, narrowed to their permissions and data scope; revoked or orphaned, refused at once.</summary>
public sealed class using_api_tokens(IntegrationsHost host) : IClassFixture<IntegrationsHost>
{
    [Fact]
    public async Task a_token_is_shown_once_acts_within_its_permissions_and_records_its_last_use()
    {
        var created = await host.Admin.CreateTokenAsync(["customer.list", "customer.detail"]);
        var token = created.GetProperty("token").GetString()!;
        Assert.StartsWith("crm_", token);
        var api = host.WithToken(token);

        var listed = await api.Scenario(s => s.Get.Url(Route));
        Assert.Matches("^\"api-token\";q=40;w=3600$", listed.Header("RateLimit-Policy"));
        Assert.Matches("^\"api-token\";r=\\d+;t=\\d+$", listed.Header("RateLimit"));
        await api.Scenario(s =>
        {
            s.Post.Json(new { name = "Not allowed" }).ToUrl(Route);
            s.ProblemShouldBe(403, code: "permission_denied");
        });

        var read = await host.Admin.GetJsonAsync($"{Tokens}/{created.Id()}");
        Assert.False(read.TryGetProperty("token", out var hidden) && hidden.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, read.GetProperty("lastUsedAt").ValueKind);
        var list = await host.Admin.GetJsonAsync(Tokens);
        Assert.DoesNotContain(token[37..], list.GetRawText());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => t.Id() == created.Id());
    }

    [Fact]
    public async Task a_token_narrowed_to_self_sees_only_its_creators_records()
    {
        var (_, rep) = await host.SignedInUserAsync("all", "customer.list", "customer.detail", "customer.create", "webhook.edit", "webhook.list");
        var mine = await rep.CreatedAsync(Route, new { name = "Mine " + Guid.NewGuid().ToString("N")[..6] });
        var theirs = await host.Admin.CreatedAsync(Route, new { name = "Theirs " + Guid.NewGuid().ToString("N")[..6] });
        var api = host.WithToken((await rep.CreateTokenAsync(["customer.list", "customer.detail"], "self")).GetProperty("token").GetString()!);

        await api.Scenario(s => s.Get.Url($"{Route}/{mine.Id()}"));
        await api.Scenario(s =>
        {
            s.Get.Url($"{Route}/{theirs.Id()}");
            s.ProblemShouldBe(404);
        });
        var ids = (await api.GetJsonAsync($"{Route}?limit=500")).GetProperty("items").EnumerateArray().Select(c => c.Id()).ToList();
        Assert.Contains(mine.Id(), ids);
        Assert.DoesNotContain(theirs.Id(), ids);
    }

    [Fact]
    public async Task nobody_hands_a_token_rights_they_do_not_hold()
    {
        var (_, rep) = await host.SignedInUserAsync("self", "customer.list", "webhook.edit", "webhook.list");
        var body = new { name = "Wider", permissions = new[] { "customer.list" }, dataScope = "all", expiresAt = DateTimeOffset.UtcNow.AddDays(1) };
        await rep.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Tokens);
            s.ProblemShouldBe(403, code: "beyond_your_rights");
        });
        await rep.Scenario(s =>
        {
            s.Post.Json(body with { permissions = ["customer.delete"], dataScope = "self" }).ToUrl(Tokens);
            s.ProblemShouldBe(403, code: "beyond_your_rights");
        });
        // A token that may make tokens still may not: tokens are made by people.
        var api = host.WithToken((await host.Admin.CreateTokenAsync(["webhook.edit"])).GetProperty("token").GetString()!);
        await api.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Tokens);
            s.ProblemShouldBe(403, code: "api_token_route_refused");
        });
    }

    [Fact]
    public async Task a_revoked_token_a_disabled_creators_token_and_a_forged_one_are_refused_at_once()
    {
        var created = await host.Admin.CreateTokenAsync(["customer.list"]);
        var api = host.WithToken(created.GetProperty("token").GetString()!);
        await api.Scenario(s => s.Get.Url(Route));
        await host.Admin.Scenario(s =>
        {
            s.Delete.Url($"{Tokens}/{created.Id()}");
            s.StatusCodeShouldBe(204);
        });
        await api.Scenario(s =>
        {
            s.Get.Url(Route);
            s.StatusCodeShouldBe(401);
        });
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await host.Admin.GetJsonAsync($"{Tokens}/{created.Id()}")).GetProperty("revokedAt").ValueKind);

        var (repId, rep) = await host.SignedInUserAsync("all", "customer.list", "webhook.edit", "webhook.list");
        var repApi = host.WithToken((await rep.CreateTokenAsync(["customer.list"])).GetProperty("token").GetString()!);
        await repApi.Scenario(s => s.Get.Url(Route));
        await host.Admin.SendAsync("POST", $"{UserApi.Route}/{repId}/disable");
        await repApi.Scenario(s =>
        {
            s.Get.Url(Route);
            s.StatusCodeShouldBe(401);
        });

        var forged = created.GetProperty("token").GetString()![..37] + new string('A', 43);
        await host.WithToken(forged).Scenario(s =>
        {
            s.Get.Url(Route);
            s.StatusCodeShouldBe(401);
        });
        await host.WithToken("crm_not-a-token").Scenario(s =>
        {
            s.Get.Url(Route);
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task a_token_reaches_no_route_of_ones_own_account()
    {
        var api = host.WithToken((await host.Admin.CreateTokenAsync(["customer.list"])).GetProperty("token").GetString()!);
        await api.Scenario(s =>
        {
            s.Get.Url("/api/notification-preferences");
            s.ProblemShouldBe(403, code: "api_token_route_refused");
        });
    }

    [Fact]
    public async Task a_token_makes_nothing_that_acts_later_with_its_makers_rights()
    {
        // A workflow rule runs as its author, a webhook streams the feed its creator reads, a token is a credential: made with a
        // token, each would keep the person's full rights once the token is revoked. A token holding every permission they need
        // still makes none of them.
        var api = host.WithToken((await host.Admin.CreateTokenAsync(["workflow.edit", "workflow.list", "webhook.edit", "webhook.list", "audit.feed"]))
            .GetProperty("token").GetString()!);
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Post, "/api/workflows"), (HttpMethod.Patch, $"/api/workflows/{Guid.NewGuid()}"),
                     (HttpMethod.Delete, $"/api/workflows/{Guid.NewGuid()}"), (HttpMethod.Post, "/api/webhooks"),
                     (HttpMethod.Patch, $"/api/webhooks/{Guid.NewGuid()}"), (HttpMethod.Delete, $"/api/webhooks/{Guid.NewGuid()}"),
                     (HttpMethod.Post, $"/api/webhooks/{Guid.NewGuid()}/deliveries/{Guid.NewGuid()}/redeliver"),
                     (HttpMethod.Post, "/api/api-tokens"), (HttpMethod.Delete, $"/api/api-tokens/{Guid.NewGuid()}"),
                 })
            await api.RefusedAsync(method, url, new { }, 403, code: "api_token_route_refused");
        // Reading them is not refused.
        await api.Scenario(s => s.Get.Url("/api/workflows"));
    }

    [Fact]
    public async Task a_token_over_its_budget_is_answered_429_with_the_ratelimit_fields()
    {
        var api = host.WithToken((await host.Admin.CreateTokenAsync(["customer.list"])).GetProperty("token").GetString()!);
        for (var i = 0; i < IntegrationsHost.TokenBudget; i++) await api.Scenario(s => s.Get.Url($"{Route}?limit=1"));
        var refused = await api.Scenario(s =>
        {
            s.Get.Url($"{Route}?limit=1");
            s.ProblemShouldBe(429, code: "rate_limited");
        });
        Assert.Matches("^\"api-token\";r=0;t=\\d+$", refused.Header("RateLimit"));
        Assert.NotNull(refused.Header("Retry-After"));
        // People's sign-ins are not counted against it.
        await host.Admin.Scenario(s => s.Get.Url($"{Route}?limit=1"));
    }
}
