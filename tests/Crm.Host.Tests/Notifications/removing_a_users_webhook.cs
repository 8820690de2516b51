using System.Text.Json;
using Crm.Events.Notifications;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Write.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>DELETE /api/users/{id}/notification-webhook: an administrator (user.edit) removes another user's webhook.</summary>
public sealed class removing_a_users_webhook(ChannelsHost host) : IClassFixture<ChannelsHost>
{
    private const string Route = "/api/notification-preferences";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string WebhookOf(Guid userId) => $"/api/users/{userId}/notification-webhook";

    [Fact]
    public async Task an_administrator_removes_a_users_webhook_even_while_chosen_and_no_later_notification_is_posted_to_it()
    {
        using var receiver = new WebhookReceiver();
        var (repId, rep) = await RepAsync();
        var (adminId, admin) = await host.SignedInUserAsync("all", "user.edit");
        await rep.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = receiver.Url });
        await rep.ExpectAsync(HttpMethod.Put, Route, new { choices = new[] {
            new { kind = "customer_transferred", channels = new[] { "in_app", "webhook" } },
            new { kind = "customer_recycled", channels = new[] { "webhook" } } } });
        await TransferAsync(repId);
        Assert.Single(await receiver.HitsAsync(1, Patience));

        await admin.SendAsync("DELETE", WebhookOf(repId), status: 204);

        var preferences = await rep.GetJsonAsync(Route);
        Assert.Equal(JsonValueKind.Null, preferences.GetProperty("webhook").ValueKind);
        var byKind = preferences.GetProperty("choices").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        // The choices lose the webhook channel in the same append; one that named it alone is dropped (the kind follows the defaults).
        Assert.True(byKind["customer_transferred"].GetProperty("own").GetBoolean());
        Assert.Equal(["in_app"], byKind["customer_transferred"].GetProperty("channels").EnumerateArray().Select(c => c.GetString()!));
        Assert.False(byKind["customer_recycled"].GetProperty("own").GetBoolean());
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var events = await store.ReadStreamAsync(NotificationPreferences.IdOf(repId));
        Assert.IsType<NotificationChannelsChosen>(events[^2].Data);
        Assert.Equal(repId, Assert.IsType<NotificationWebhookRemoved>(events[^1].Data).UserId);
        Assert.All(events.TakeLast(2), e => Assert.Equal(adminId, e.Metadata.ActorId));

        await TransferAsync(repId);
        await host.CaughtUpAsync();
        Assert.Equal(2, (await rep.GetJsonAsync("/api/notifications")).GetProperty("items").GetArrayLength());
        await Task.Delay(1000);
        Assert.Single(receiver.Hits);

        // Nothing left to remove: 204, nothing written.
        await admin.SendAsync("DELETE", WebhookOf(repId), status: 204);
        Assert.Equal(events.Count, (await store.ReadStreamAsync(NotificationPreferences.IdOf(repId))).Count);
    }

    [Fact]
    public async Task without_user_edit_it_is_403_an_unknown_user_404_and_a_super_administrator_is_left_to_super_administrators()
    {
        var (repId, rep) = await RepAsync();
        await rep.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = "https://hooks.example.com/kept" });
        var (_, reader) = await host.SignedInUserAsync("all", "user.detail", "user.list");
        var (_, admin) = await host.SignedInUserAsync("all", "user.edit");
        var before = await host.EventCountAsync();

        var denied = await reader.ProblemAsync("DELETE", WebhookOf(repId), null, 403);
        Assert.Equal("permission_denied", denied.GetProperty("code").GetString());
        Assert.Equal("user.edit", denied.GetProperty("permission").GetString());
        await rep.ProblemAsync("DELETE", WebhookOf(repId), null, 403);
        var unknown = await admin.ProblemAsync("DELETE", WebhookOf(Guid.CreateVersion7()), null, 404);
        Assert.Equal("user_not_found", unknown.GetProperty("code").GetString());
        await admin.ProblemAsync("DELETE", "/api/users/not-an-id/notification-webhook", null, 400, "id");
        Assert.Equal(before, await host.EventCountAsync());
        Assert.Equal("https://hooks.example.com/kept", (await rep.GetJsonAsync(Route)).GetProperty("webhook").GetProperty("url").GetString());

        // Only a super administrator acts on a super administrator's account, as on every user route.
        var super = await host.Admin.CreateUserAsync(name: "Second Administrator");
        await host.Admin.SendAsync("POST", $"{UserApi.Route}/{super.Id()}/super-admin", new { grant = true });
        var superCaller = await host.SignedInAsync(super.Mobile(), UserApi.Password);
        await superCaller.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = "https://hooks.example.com/super" });
        var protectedAccount = await admin.ProblemAsync("DELETE", WebhookOf(super.Id()), null, 403);
        Assert.Equal("super_admin_protected", protectedAccount.GetProperty("code").GetString());
        Assert.Equal("https://hooks.example.com/super", (await superCaller.GetJsonAsync(Route)).GetProperty("webhook").GetProperty("url").GetString());
        await host.Admin.SendAsync("DELETE", WebhookOf(super.Id()), status: 204);
        Assert.Equal(JsonValueKind.Null, (await superCaller.GetJsonAsync(Route)).GetProperty("webhook").ValueKind);
    }

    /// <summary>
    /// Users are not records scoped by owner (docs/permissions.md: the user module's permissions apply to every user, whatever the role's
    /// data scope): a department-scoped administrator edits a user of another department, and removes their webhook, alike.
    /// </summary>
    [Fact]
    public async Task a_department_scoped_administrator_reaches_a_user_of_another_department_as_the_user_routes_do()
    {
        var east = await host.Admin.CreateDepartmentAsync("East " + Guid.NewGuid().ToString("N")[..6]);
        var west = await host.Admin.CreateDepartmentAsync("West " + Guid.NewGuid().ToString("N")[..6]);
        var role = await host.Admin.CreateRoleAsync("Dept admin " + Guid.NewGuid().ToString("N"), "department", "user.edit", "user.detail");
        var deptAdminUser = await host.Admin.CreateUserAsync(extra: new { departmentId = east.Id(), roleIds = new[] { role.Id() } });
        var deptAdmin = await host.SignedInAsync(deptAdminUser.Mobile(), UserApi.Password);
        var outsider = await host.Admin.CreateUserAsync(extra: new { departmentId = west.Id() });
        var outsiderCaller = await host.SignedInAsync(outsider.Mobile(), UserApi.Password);
        await outsiderCaller.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = "https://hooks.example.com/west" });

        var edit = await deptAdmin.ExpectAsync(HttpMethod.Patch, $"{UserApi.Route}/{outsider.Id()}", new { displayName = "Renamed West" });
        Assert.Equal(200, edit.Context.Response.StatusCode);
        await deptAdmin.SendAsync("DELETE", WebhookOf(outsider.Id()), status: 204);
        Assert.Equal(JsonValueKind.Null, (await outsiderCaller.GetJsonAsync(Route)).GetProperty("webhook").ValueKind);
    }

    [Fact]
    public async Task the_route_is_documented_with_its_permission_and_refusals()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty("/api/users/{id}/notification-webhook").GetProperty("delete");
        Assert.Equal("RemoveUserNotificationWebhook", operation.GetProperty("operationId").GetString());
        var responses = operation.GetProperty("responses");
        foreach (var status in new[] { "204", "400", "401", "403", "404" }) Assert.True(responses.TryGetProperty(status, out _), status);
        Assert.Contains("user.edit", operation.GetProperty("description").GetString());
    }

    private async Task<(Guid Id, ApiCaller Caller)> RepAsync()
    {
        var role = await host.Admin.CreatedAsync("/api/roles", new { name = "R " + Guid.NewGuid().ToString("N"), permissions = SalesRep, dataScope = "self" });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.Id() } });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }

    private async Task TransferAsync(Guid userId)
    {
        var customer = await host.Admin.CreatedAsync(CustomersRoute, new { name = "Sent " + Guid.NewGuid().ToString("N")[..6] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{CustomersRoute}/{customer.Id()}/transfer", new { toUserId = userId });
    }

    private const string CustomersRoute = Customers.CustomerApi.Route;
}
