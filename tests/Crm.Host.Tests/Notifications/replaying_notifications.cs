using Crm.EventStore.Daemon;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Projections.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>
/// The notifications are a subscription: a replay (ops/rebuild crm.notifications) wipes its state and its rows (not the reminder job's), and the replayed messages,
/// delivered through Wolverine, write the same notifications with the names the records had then; read marks are kept apart and survive.
/// </summary>
public sealed class replaying_notifications(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_replay_writes_the_same_notifications_with_the_names_as_they_were_and_keeps_what_was_read()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (otherId, _) = await host.SignedInUserAsync("self", SalesRep);
        var customer = (await host.Admin.CreatedAsync(Route, new { name = "Acme Old " + Guid.NewGuid().ToString("N")[..6] })).Id();
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{customer}/transfer", new { toUserId = repId });
        await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{customer}", new { name = "Acme New" });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{customer}/transfer", new { toUserId = otherId });
        await host.CaughtUpAsync();
        var before = await RowsAsync(customer);
        Assert.Equal(2, before.Count);
        Assert.StartsWith("Customer Acme Old ", before.Single(r => r.UserId == repId).Message, StringComparison.Ordinal);
        Assert.Equal("Customer Acme New was transferred to you.", before.Single(r => r.UserId == otherId).Message);
        var read = before.Single(r => r.UserId == repId).Id;
        await rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/{read}/read", null);
        // A reminder is the reminder job's (its claim stays in the job's table): no replay writes it again, so none may wipe it.
        var reminder = new NotificationDue(Guid.CreateVersion7(), repId, NotificationKinds.TaskDue, "task", Guid.CreateVersion7(), "Task x is due.",
            DateTimeOffset.UtcNow, null, DateTimeOffset.UtcNow);
        Assert.True(await host.Services.GetRequiredService<NotificationWriter>().WriteAsync(reminder));

        await host.Services.GetRequiredService<ProjectionDaemon>().RebuildAsync(NotificationsSubscription.SubscriptionName);
        await host.CaughtUpAsync();

        var after = await RowsAsync(customer);
        Assert.Equal(before.Select(r => r with { ReadAt = null }), after.Select(r => r with { ReadAt = null }));
        Assert.NotNull(after.Single(r => r.Id == read).ReadAt);
        Assert.Contains((await host.Services.GetRequiredService<NotificationQueries>().ListAsync(repId, false, 100, null)).Items,
            n => n.Id == reminder.Id);
    }

    private async Task<List<NotificationRow>> RowsAsync(Guid customer)
    {
        var queries = host.Services.GetRequiredService<NotificationQueries>();
        var rows = new List<NotificationRow>();
        foreach (var user in await UsersAsync(customer))
            rows.AddRange((await queries.ListAsync(user, unreadOnly: false, 100, null)).Items.Where(n => n.RecordId == customer));
        return [.. rows.OrderBy(r => r.Id)];
    }

    private async Task<List<Guid>> UsersAsync(Guid customer)
    {
        await using var cmd = host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()
            .CreateCommand("select distinct user_id from crm.notifications where record_id = @r");
        cmd.Parameters.AddWithValue("r", customer);
        var users = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) users.Add(reader.GetGuid(0));
        return users;
    }
}
