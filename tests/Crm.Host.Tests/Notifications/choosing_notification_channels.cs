using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

public sealed class choosing_notification_channels(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Route = "/api/notification-preferences";

    [Fact]
    public async Task every_kind_goes_in_app_until_a_default_or_the_users_own_choice_says_otherwise()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var start = await rep.GetJsonAsync(Route);
        Assert.All(start.GetProperty("choices").EnumerateArray(), c =>
        {
            Assert.Equal(["in_app"], Channels(c));
            Assert.False(c.GetProperty("own").GetBoolean());
        });
        Assert.False(start.GetProperty("emailAvailable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, start.GetProperty("webhook").ValueKind);

        await host.Admin.ExpectAsync(HttpMethod.Put, $"{Route}/defaults", new { choices = new[] { new { kind = "customer_recycled", channels = Array.Empty<string>() } } });
        var chosen = (await rep.ExpectAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_assigned", channels = new[] { "in_app", "in_app" } } } })).Json();

        var byKind = chosen.GetProperty("choices").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        Assert.Empty(Channels(byKind["customer_recycled"]));
        Assert.False(byKind["customer_recycled"].GetProperty("own").GetBoolean());
        Assert.Equal(["in_app"], Channels(byKind["customer_assigned"]));
        Assert.True(byKind["customer_assigned"].GetProperty("own").GetBoolean());
        await rep.SendAsync("PUT", $"{Route}/defaults", new { choices = Array.Empty<object>() }, status: 403);
        await rep.SendAsync("GET", $"{Route}/defaults", status: 403);
    }

    [Fact]
    public async Task bad_choices_are_refused_naming_the_choice_and_nothing_is_recorded()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        await rep.RefusalAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "lunch", channels = new[] { "in_app" } } } }, 400,
            "choices[0].kind", "kind_unknown");
        await rep.RefusalAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_recycled", channels = new[] { "pager" } } } }, 400,
            "choices[0].channels", "channel_unknown");
        await rep.RefusalAsync(HttpMethod.Put, Route, new { choices = new[] {
            new { kind = "customer_recycled", channels = new[] { "in_app" } }, new { kind = "customer_recycled", channels = new[] { "in_app" } } } },
            400, "choices[1].kind", "kind_duplicate");
        var tooMany = Enumerable.Range(0, Crm.Projections.Notifications.NotificationKinds.All.Count + 1)
            .Select(_ => new { kind = "customer_recycled", channels = new[] { "in_app" } });
        await rep.RefusalAsync(HttpMethod.Put, Route, new { choices = tooMany },
            400, "choices", "too_many_choices");
        // No SMTP server here; no webhook set yet.
        await rep.RefusalAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_recycled", channels = new[] { "email" } } } }, 422,
            "choices[0].channels", "email_unavailable");
        await host.Admin.RefusalAsync(HttpMethod.Put, $"{Route}/defaults", new { choices = new[] { new { kind = "approval_waiting", channels = new[] { "email" } } } },
            422, "choices[0].channels", "email_unavailable");
        await rep.RefusalAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_recycled", channels = new[] { "webhook" } } } }, 422,
            "choices[0].channels", "webhook_missing");
        await rep.RefusalAsync(HttpMethod.Put, Route, "{\"choices\":[{\"kind\":\"customer_recycled\",\"channels\":\"in_app\"}]}", 400, "choices[0].channels");
        await rep.RefusalAsync(HttpMethod.Put, Route, "{\"choices\":[{\"kind\":\"customer_recycled\"}]}", 400, "choices[0].channels", "field_required");
        await rep.RefusalAsync(HttpMethod.Put, Route, "{}", 400, "choices", "field_required");
        await rep.RefusalAsync(HttpMethod.Put, Route, "{\"choices\":[null]}", 400, "choices[0]", "item_null");
        Assert.All((await rep.GetJsonAsync(Route)).GetProperty("choices").EnumerateArray(), c => Assert.False(c.GetProperty("own").GetBoolean()));
    }

    [Fact]
    public async Task a_webhook_is_checked_its_secret_shown_once_kept_out_of_the_audit_feed_and_not_removed_while_chosen()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        foreach (var bad in new[] { "ftp://hooks.example.com/x", "hooks.example.com/x", "https://user:pw@hooks.example.com/x", "", "http://hooks.example.com/x" })
        {
            await rep.RefusalAsync(HttpMethod.Put, $"{Route}/webhook", new { url = bad }, 400, "url", "webhook_url_invalid");
        }
        foreach (var inside in new[] { "https://127.0.0.1:8080/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://10.1.2.3/x",
            "https://localhost/x", "https://[64:ff9b::a00:5]/x", "https://[::ffff:10.0.0.5]/x" })
        {
            await rep.RefusalAsync(HttpMethod.Put, $"{Route}/webhook", new { url = inside }, 422, "url", "webhook_url_private");
        }

        var set = (await rep.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = "https://hooks.example.com/crm" })).Json();
        var secret = set.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        var read = await rep.GetJsonAsync(Route);
        Assert.Equal("https://hooks.example.com/crm", read.GetProperty("webhook").GetProperty("url").GetString());
        Assert.DoesNotContain(secret, read.GetRawText());
        Assert.EndsWith(secret[^4..], read.GetProperty("webhook").GetProperty("secretHint").GetString());
        var after = "";
        while (true)
        {
            var page = await host.Admin.GetJsonAsync($"/api/events?limit=1000{after}");
            Assert.DoesNotContain(secret, page.GetRawText());
            Assert.DoesNotContain("hooks.example.com", page.GetRawText());
            if (!page.GetProperty("hasMore").GetBoolean()) break;
            after = "&after=" + Uri.EscapeDataString(page.GetProperty("next").GetString()!);
        }

        await rep.ExpectAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_transferred", channels = new[] { "in_app", "webhook" } } } });
        await rep.RefusalAsync(HttpMethod.Delete, $"{Route}/webhook", null, 409, code: "webhook_in_use");
        await rep.ExpectAsync(HttpMethod.Put, Route, new { choices = Array.Empty<object>() });
        await rep.SendAsync("DELETE", $"{Route}/webhook", status: 204);
        Assert.Equal(JsonValueKind.Null, (await rep.GetJsonAsync(Route)).GetProperty("webhook").ValueKind);
    }

    [Fact]
    public async Task the_defaults_answer_their_version_and_a_change_with_a_stale_if_match_is_refused_and_writes_nothing()
    {
        object Body(params string[] channels) => new { choices = new[] { new { kind = "approval_waiting", channels } } };
        var off = await host.Admin.ExpectAsync(HttpMethod.Put, $"{Route}/defaults", Body());
        var offTag = off.ETag()!;
        var read = await host.Admin.Scenario(s => s.Get.Url($"{Route}/defaults"));
        Assert.Equal(offTag, read.ETag());
        Assert.NotEqual("\"0\"", offTag);

        var inApp = await host.Admin.ExpectAsync(HttpMethod.Put, $"{Route}/defaults", Body("in_app"), ifMatch: offTag);
        var inAppTag = inApp.ETag()!;
        Assert.NotEqual(offTag, inAppTag);
        Assert.Equal(["in_app"], Channels(inApp.Json().GetProperty("choices")[0]));

        // Stale: refused, and the defaults and their version stay as they were.
        await host.Admin.RefusalAsync(HttpMethod.Put, $"{Route}/defaults", Body(), 412, code: "stale_version", ifMatch: offTag);
        var after = await host.Admin.Scenario(s => s.Get.Url($"{Route}/defaults"));
        Assert.Equal(inAppTag, after.ETag());
        Assert.Equal(["in_app"], Channels(after.Json().GetProperty("choices")[0]));

        // Current: written, answered with the new version, which a read gives too.
        var changed = await host.Admin.ExpectAsync(HttpMethod.Put, $"{Route}/defaults", Body(), ifMatch: inAppTag);
        Assert.NotEqual(inAppTag, changed.ETag());
        Assert.Empty(Channels(changed.Json().GetProperty("choices")[0]));
        Assert.Equal(changed.ETag(), (await host.Admin.Scenario(s => s.Get.Url($"{Route}/defaults"))).ETag());
        await host.Admin.RefusalAsync(HttpMethod.Put, $"{Route}/defaults", Body(), 400, "If-Match", "if_match_invalid", ifMatch: "W/\"1\"");
        // Back to no defaults: the other tests of this host start from every kind in-app.
        await host.Admin.ExpectAsync(HttpMethod.Put, $"{Route}/defaults", new { choices = Array.Empty<object>() });
    }

    private static string[] Channels(JsonElement choice) => [.. choice.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!)];
}
