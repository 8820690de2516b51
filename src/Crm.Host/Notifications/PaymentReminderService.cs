using System.Globalization;
using Crm.EventStore;
using Crm.EventStore.Subscriptions;
using Crm.Host.Platform;
using Crm.Projections.Notifications;
using Crm.Projections.Payments;
using Npgsql;

namespace Crm.Host.Notifications;

/// <summary>
/// The payment-plan reminders (WORK-4): every host runs the job, one leads (<see cref="LeaderJob"/>). Each run claims the instalments whose
/// reminder day has come (<see cref="PaymentReminders"/>: approved contracts, not fully paid, not reminded on that day) and hands a
/// <c>payment_plan_due</c> notification for the contract's owner to the outbox in the same transaction: claimed and handed on together or
/// not at all, so each reminder goes out once, through the channels the owner chose, even with two leaders overlapping. Days are UTC
/// days (no per-organisation time zone yet), checked every <c>Crm:Reminders:IntervalSeconds</c> (60).
/// </summary>
public sealed class PaymentReminderService(
    LeadershipDataSource leaders, NpgsqlDataSource dataSource, PaymentReminders reminders, IServiceProvider services, TimeProvider clock,
    IConfiguration configuration, ILogger<PaymentReminderService> logger) : LeaderJob(leaders, clock, logger)
{
    private const int Batch = 500;

    private readonly int graceDays = configuration.GetValue("Crm:Reminders:GraceDays", 3);

    protected override string LockName => "crm.payment-reminders";

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Reminders:IntervalSeconds", 60.0));

    protected override TimeSpan LeaderRetry { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Reminders:LeaderRetrySeconds", 5.0));

    // Without the outbox (a host run with Crm:Outbox:Disabled) there is nothing to hand reminders to.
    protected override bool Enabled { get; } =
        configuration.GetValue("Crm:Reminders:Enabled", true) && services.GetService<ISubscriptionOutbox>() is not null;

    /// <summary>One pass: claims and hands on every due reminder, a batch per transaction; answers how many.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct, Func<CancellationToken, Task>? stillLeading = null)
    {
        var outbox = services.GetRequiredService<ISubscriptionOutbox>();
        var now = Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sent = 0;
        while (true)
        {
            if (stillLeading is not null) await stillLeading(ct);
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var claimed = await reminders.ClaimAsync(tx, today, graceDays, now, Batch, ct);
            var batch = await outbox.BeginAsync(tx, ct);
            foreach (var due in claimed)
            {
                var notification = Notification(due, now);
                await batch.SendAsync(notification.Id, notification, null, ct);
            }
            await batch.SaveAsync(ct);
            await tx.CommitAsync(ct);
            await batch.FlushAsync();
            sent += claimed.Count;
            if (claimed.Count < Batch) return sent;
        }
    }

    /// <summary>The owner's notification; its id is the instalment's and the day's, so a message delivered twice writes one row.</summary>
    public static NotificationDue Notification(PaymentReminder due, DateTimeOffset now)
    {
        var id = NameBasedId.Of([.. "crm"u8, .. ".payment-reminder:"u8, .. due.PlanId.ToByteArray(),
            .. System.Text.Encoding.UTF8.GetBytes(due.RemindOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        var amount = due.Outstanding.ToString("#,0.00", CultureInfo.InvariantCulture);
        var message = $"Contract {due.ContractNumber}: instalment {due.Instalment}, {amount} {due.Currency} outstanding, due on "
            + $"{due.PlannedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
        return new NotificationDue(id, due.OwnerId, NotificationKinds.PaymentPlanDue, "contract", due.ContractId, message, null, null, now);
    }
}
