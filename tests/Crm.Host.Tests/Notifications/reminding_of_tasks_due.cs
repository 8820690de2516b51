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

    [Fact]
    public async Task two_hosts_running_the_job_at_the_same_time_hand_on_each_due_task_once()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", "task.create", "task.list", "task.detail");
        var at = (host.Clock.GetUtcNow() + TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        var tasks = new HashSet<Guid>();
        for (var i = 0; i < 12; i++) tasks.Add((await rep.CreatedAsync("/api/tasks", new { name = $"Twice? {i}", dueAt = at })).Id());
        await using var second = WireHost.Start(host);
        var jobs = new[] { host.Services, second.Services }.Select(s => s.GetRequiredService<ReminderService>()).ToArray();

        host.Clock.Advance(TimeSpan.FromHours(2));
        try
        {
            // The same clock in both (the fixture's services): each host's pass claims in crm.task_reminders, one claim per task wins.
            var sent = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => jobs[i % 2].RunOnceAsync(CancellationToken.None)));
            await host.CaughtUpAsync();
            // At most once each: the hosts' own timed passes (real-time timers) may have claimed some in between.
            Assert.InRange(sent.Sum(), 0, tasks.Count);
            var reminders = await TaskRemindersAsync(repId);
            Assert.Equal(tasks.Order(), reminders.Select(r => r.RecordId).Order());
        }
        finally
        {
            host.Clock.Advance(TimeSpan.FromHours(-2));
        }
    }

    [Fact]
    public async Task a_task_still_open_a_day_after_its_due_time_is_reminded_overdue_once_and_a_completed_one_is_not()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", "task.create", "task.list", "task.detail", "task.edit");
        var at = (host.Clock.GetUtcNow() + TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        var late = (await rep.CreatedAsync("/api/tasks", new { name = "Send the quote", dueAt = at })).Id();
        var done = (await rep.CreatedAsync("/api/tasks", new { name = "Done in time", dueAt = at })).Id();
        var job = host.Services.GetRequiredService<ReminderService>();

        host.Clock.Advance(TimeSpan.FromHours(2));
        try
        {
            await job.RunOnceAsync(CancellationToken.None);
            await rep.ExpectAsync(HttpMethod.Post, $"/api/tasks/{done}/complete", null);
            await host.CaughtUpAsync();
            Assert.Empty(await RemindersAsync(repId, "task_overdue"));
            Assert.Equal(2, (await RemindersAsync(repId, "task_due")).Count);

            host.Clock.Advance(TimeSpan.FromHours(24));
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => job.RunOnceAsync(CancellationToken.None)));
            await job.RunOnceAsync(CancellationToken.None);
            await host.CaughtUpAsync();
            var overdue = Assert.Single(await RemindersAsync(repId, "task_overdue"));
            Assert.Equal((late, "task"), (overdue.RecordId, overdue.RecordType));
            Assert.StartsWith("Task Send the quote is overdue", overdue.Message);
            Assert.Equal(2, (await RemindersAsync(repId, "task_due")).Count);
        }
        finally
        {
            host.Clock.Advance(TimeSpan.FromHours(-26));
        }
    }

    private async Task<List<NotificationRow>> RemindersAsync(Guid userId, string kind) =>
        [.. (await host.Services.GetRequiredService<NotificationQueries>().ListAsync(userId, false, 100, null)).Items.Where(n => n.Kind == kind)];

    private async Task<List<NotificationRow>> TaskRemindersAsync(Guid userId) =>
        [.. (await host.Services.GetRequiredService<NotificationQueries>().ListAsync(userId, false, 100, null)).Items.Where(n => n.Kind == "task_due")];
}
