using System.Globalization;
using Crm.Host.Notifications;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Payments;
using Crm.Projections.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Notifications;

/// <summary>The reminder job tells a task's owner once when its due time comes (on the payment host's hand-moved clock).</summary>
public sealed class reminding_of_tasks_due(PaymentHostFixture host) : IClassFixture<PaymentHostFixture>
{
    [Fact]
    public async Task an_open_task_is_reminded_to_its_owner_once_when_due_and_a_done_one_or_one_due_long_ago_not_at_all()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", "task.create", "task.list", "task.detail", "task.edit");
        var now = host.Clock.GetUtcNow();
        string At(TimeSpan from) => (now + from).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        var due = (await rep.CreatedAsync("/api/tasks", new { name = "Call Acme back", dueAt = At(TimeSpan.FromHours(1)) })).Id();
        var done = (await rep.CreatedAsync("/api/tasks", new { name = "Already done", dueAt = At(TimeSpan.FromHours(1)) })).Id();
        await rep.ExpectAsync(HttpMethod.Post, $"/api/tasks/{done}/complete", null);
        await rep.CreatedAsync("/api/tasks", new { name = "Long overdue", dueAt = At(TimeSpan.FromDays(-5)) });
        var job = host.Services.GetRequiredService<ReminderService>();

        await job.RunOnceAsync(CancellationToken.None);
        await host.CaughtUpAsync();
        Assert.Empty(await TaskRemindersAsync(repId));

        host.Clock.Advance(TimeSpan.FromHours(2));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => job.RunOnceAsync(CancellationToken.None)));
            await job.RunOnceAsync(CancellationToken.None);
            await host.CaughtUpAsync();
            var reminder = Assert.Single(await TaskRemindersAsync(repId));
            Assert.Equal(due, reminder.RecordId);
            Assert.Equal("task", reminder.RecordType);
            Assert.StartsWith("Task Call Acme back is due", reminder.Message);
        }
        finally
        {
            host.Clock.Advance(TimeSpan.FromHours(-2));
        }
    }

    private async Task<List<NotificationRow>> TaskRemindersAsync(Guid userId) =>
        [.. (await host.Services.GetRequiredService<NotificationQueries>().ListAsync(userId, false, 100, null)).Items.Where(n => n.Kind == "task_due")];
}
