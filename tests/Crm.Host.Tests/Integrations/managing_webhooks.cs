using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Integrations.IntegrationApi;

namespace Crm.Host.Tests.Integrations;

/// <summary>SET-5: /api/webhooks and /api/api-tokens — their answers, bad inputs and access.</summary>
public sealed class managing_webhooks(IntegrationsHost host) : IClassFixture<IntegrationsHost>
{
    private const string Receiver = "http://127.0.0.1:9/hooks";

    [Fact]
    public async Task the_secret_is_answered_once_and_changes_and_deletion_follow_the_etag()
    {
        var created = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = " ERP ", url = Receiver, eventTypes = new[] { "customer.*", "lead.created" } }).ToUrl(Webhooks);
            s.StatusCodeShouldBe(201);
        });
        var hook = created.Json();
        Assert.StartsWith("whsec_", hook.GetProperty("secret").GetString());
        Assert.Equal("ERP", hook.GetProperty("name").GetString());
        var secret = hook.GetProperty("secret").GetString()!;

        var read = await host.Admin.Scenario(s => s.Get.Url($"{Webhooks}/{hook.Id()}"));
        Assert.DoesNotContain(secret, read.ReadAsText());
        Assert.DoesNotContain(secret, (await host.Admin.Scenario(s => s.Get.Url(Webhooks))).ReadAsText());
        var feed = await host.Admin.Scenario(s => s.Get.Url("/api/events?limit=1000"));
        Assert.DoesNotContain(secret, feed.ReadAsText());

        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { enabled = false }).ToUrl($"{Webhooks}/{hook.Id()}");
            s.IfMatch("\"7\"");
            s.ProblemShouldBe(412, code: "stale_version");
        });
        var changed = await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { enabled = false, conditions = new[] { new { path = "ownerId", equalTo = "x" } } }).ToUrl($"{Webhooks}/{hook.Id()}");
            s.IfMatch(read.ETag()!);
        });
        Assert.False(changed.Json().GetProperty("enabled").GetBoolean());
        Assert.Equal("ownerId", changed.Json().GetProperty("conditions")[0].GetProperty("path").GetString());
        await host.Admin.Scenario(s =>
        {
            s.Delete.Url($"{Webhooks}/{hook.Id()}");
            s.StatusCodeShouldBe(204);
        });
        foreach (var (method, path) in HookRoutes(hook.Id()))
            await host.Admin.ProblemAsync(method, path, method == "PATCH" ? new { enabled = true } : null, 404);
    }

    [Fact]
    public async Task bad_webhooks_are_refused_naming_the_field()
    {
        await Refused(new { url = Receiver, eventTypes = new[] { "*" } }, 400, "name", "webhook_name_invalid");
        await Refused(new { name = "x", eventTypes = new[] { "*" } }, 400, "url", "webhook_url_invalid");
        await Refused(new { name = "x", url = "ftp://example.com/x", eventTypes = new[] { "*" } }, 400, "url", "webhook_url_invalid");
        await Refused(new { name = "x", url = "https://user:pw@example.com/x", eventTypes = new[] { "*" } }, 400, "url", "webhook_url_invalid");
        await Refused(new { name = "x", url = "http://169.254.169.254/latest", eventTypes = new[] { "*" } }, 422, "url", "webhook_url_private");
        await Refused(new { name = "x", url = "http://10.0.0.5/x", eventTypes = new[] { "*" } }, 422, "url", "webhook_url_private");
        await Refused(new { name = "x", url = "http://[::1]/x", eventTypes = new[] { "*" } }, 422, "url", "webhook_url_private");
        await Refused(new { name = "x", url = Receiver }, 400, "eventTypes", "webhook_event_types_invalid");
        await Refused(new { name = "x", url = Receiver, eventTypes = new[] { "customer.nothing" } }, 400, "eventTypes[0]", "webhook_event_type_unknown");
        await Refused(new { name = "x", url = Receiver, eventTypes = new[] { "*" }, conditions = new[] { new { path = "a..b", equalTo = "1" } } },
            400, "conditions[0].path", "webhook_filter_invalid");
        await Refused(new { name = "x", url = Receiver, eventTypes = new[] { "*" }, conditions = new[] { new { path = "a", equalTo = (string?)null } } },
            400, "conditions[0].equalTo", "webhook_filter_invalid");
        await Refused(new { name = "x", url = Receiver, eventTypes = new[] { "*" }, conditions = Enumerable.Repeat(new { path = "a", equalTo = "1" }, 11) },
            400, "conditions", "webhook_filter_invalid");
        var hook = await host.Admin.CreateWebhookAsync(Receiver, ["*"]);
        foreach (var (body, field, code) in new (object, string, string)[]
        {
            (new { name = "" }, "name", "webhook_name_invalid"), (new { url = "javascript:alert(1)" }, "url", "webhook_url_invalid"),
            (new { eventTypes = Array.Empty<string>() }, "eventTypes", "webhook_event_types_invalid"),
        })
        {
            await host.Admin.Scenario(s =>
            {
                s.Patch.Json(body).ToUrl($"{Webhooks}/{hook.Id()}");
                s.ProblemShouldBe(400, field, code);
            });
        }
        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { url = "http://192.168.1.1/" }).ToUrl($"{Webhooks}/{hook.Id()}");
            s.ProblemShouldBe(422, "url", "webhook_url_private");
        });
        await host.Admin.ProblemAsync("GET", $"{Webhooks}?limit=0", null, 400, "limit");
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Webhooks}?cursor=nope");
            s.ProblemShouldBe(400, "cursor", "cursor_invalid");
        });
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Webhooks}/{hook.Id()}/deliveries?status=lost");
            s.ProblemShouldBe(400, "status", "webhook_delivery_status_invalid");
        });
        await host.Admin.ProblemAsync("GET", $"{Webhooks}/{hook.Id()}/deliveries?cursor=x", null, 400, "cursor");
        await host.Admin.ProblemAsync("GET", $"{Webhooks}/{hook.Id()}/deliveries?limit=501", null, 400, "limit");
        await host.Admin.Scenario(s =>
        {
            s.Post.Url($"{Webhooks}/{hook.Id()}/deliveries/{Guid.NewGuid()}/redeliver");
            s.WithoutBody();
            s.ProblemShouldBe(404, code: "webhook_delivery_not_found");
        });
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Webhooks}/{Guid.NewGuid()}");
            s.ProblemShouldBe(404, code: "webhook_not_found");
        });
    }

    [Fact]
    public async Task webhooks_need_their_permissions_and_the_feeds()
    {
        var hook = await host.Admin.CreateWebhookAsync(Receiver, ["*"]);
        foreach (var (method, path) in HookRoutes(hook.Id()).Append(("GET", Webhooks)).Append(("POST", Webhooks)))
            await host.SignedOut.SendAsync(method, path, method is "PATCH" or "POST" ? new { } : null, status: 401);
        var (_, nobody) = await host.SignedInUserAsync("all", "customer.list");
        foreach (var (method, path) in HookRoutes(hook.Id()).Append(("GET", Webhooks)))
            await nobody.ProblemAsync(method, path, method == "PATCH" ? new { enabled = false } : null, 403);
        var (_, reader) = await host.SignedInUserAsync("all", "webhook.list");
        await reader.Scenario(s => s.Get.Url($"{Webhooks}/{hook.Id()}"));
        await reader.ProblemAsync("DELETE", $"{Webhooks}/{hook.Id()}", null, 403);

        // Pointing the feed somewhere needs the feed: with webhook.edit alone, no webhook is made, changed or deleted.
        var (_, editor) = await host.SignedInUserAsync("all", "webhook.list", "webhook.edit");
        await editor.Scenario(s =>
        {
            s.Post.Json(new { name = "x", url = Receiver, eventTypes = new[] { "*" } }).ToUrl(Webhooks);
            s.ProblemShouldBe(403, code: "webhook_feed_permission_required");
        });
        await editor.Scenario(s =>
        {
            s.Patch.Json(new { url = "https://attacker.example/" }).ToUrl($"{Webhooks}/{hook.Id()}");
            s.ProblemShouldBe(403, code: "webhook_feed_permission_required");
        });
        await editor.ProblemAsync("DELETE", $"{Webhooks}/{hook.Id()}", null, 403);
    }

    [Fact]
    public async Task bad_tokens_are_refused_naming_the_field_and_the_routes_need_their_permissions()
    {
        var later = DateTimeOffset.UtcNow.AddDays(1);
        await TokenRefused(new { permissions = new[] { "customer.list" }, dataScope = "all", expiresAt = later }, "name", "api_token_name_invalid");
        await TokenRefused(new { name = "t", dataScope = "all", expiresAt = later }, "permissions", "permissions_required");
        await TokenRefused(new { name = "t", permissions = new[] { "customer.fly" }, dataScope = "all", expiresAt = later }, "permissions[0]",
            "permission_unknown");
        await TokenRefused(new { name = "t", permissions = new[] { "customer.list" }, dataScope = "galaxy", expiresAt = later }, "dataScope",
            "data_scope_invalid");
        await TokenRefused(new { name = "t", permissions = new[] { "customer.list" }, dataScope = "all" }, "expiresAt", "api_token_expiry_invalid");
        await TokenRefused(new { name = "t", permissions = new[] { "customer.list" }, dataScope = "all", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) },
            "expiresAt", "api_token_expiry_invalid");
        await TokenRefused(new { name = "t", permissions = new[] { "customer.list" }, dataScope = "all", expiresAt = DateTimeOffset.UtcNow.AddDays(400) },
            "expiresAt", "api_token_expiry_invalid");
        await host.Admin.ProblemAsync("GET", $"{Tokens}?limit=0", null, 400, "limit");
        await host.Admin.ProblemAsync("GET", $"{Tokens}?cursor=zz", null, 400, "cursor");
        var id = Guid.NewGuid();
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"{Tokens}/{id}");
            s.ProblemShouldBe(404, code: "api_token_not_found");
        });
        await host.Admin.ProblemAsync("DELETE", $"{Tokens}/{id}", null, 404);

        var token = await host.Admin.CreateTokenAsync(["customer.list"]);
        foreach (var (method, path) in new[] { ("GET", Tokens), ("POST", Tokens), ("GET", $"{Tokens}/{token.Id()}"), ("DELETE", $"{Tokens}/{token.Id()}") })
            await host.SignedOut.SendAsync(method, path, method == "POST" ? new { } : null, status: 401);
        var (_, nobody) = await host.SignedInUserAsync("all", "customer.list");
        foreach (var (method, path) in new[] { ("GET", Tokens), ("GET", $"{Tokens}/{token.Id()}"), ("DELETE", $"{Tokens}/{token.Id()}") })
            await nobody.ProblemAsync(method, path, null, 403);
    }

    private static IEnumerable<(string Method, string Path)> HookRoutes(Guid id) =>
    [
        ("GET", $"{Webhooks}/{id}"), ("PATCH", $"{Webhooks}/{id}"), ("DELETE", $"{Webhooks}/{id}"), ("GET", $"{Webhooks}/{id}/deliveries"),
        ("POST", $"{Webhooks}/{id}/deliveries/{Guid.NewGuid()}/redeliver"),
    ];

    private Task Refused(object body, int status, string field, string code) => host.Admin.Scenario(s =>
    {
        s.Post.Json(body).ToUrl(Webhooks);
        s.ProblemShouldBe(status, field, code);
    });

    private Task TokenRefused(object body, string field, string code) => host.Admin.Scenario(s =>
    {
        s.Post.Json(body).ToUrl(Tokens);
        s.ProblemShouldBe(400, field, code);
    });
}
