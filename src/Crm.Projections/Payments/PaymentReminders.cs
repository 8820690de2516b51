using System.Globalization;
using Crm.EventStore;
using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Projections.Payments;

/// <summary>An instalment whose reminder is due, claimed for sending.</summary>
public sealed record PaymentReminder(
    Guid PlanId, DateOnly RemindOn, Guid ContractId, string ContractNumber, Guid OwnerId, int Instalment, string Currency, decimal Outstanding,
    DateOnly PlannedOn);

/// <summary>
/// The payment-plan reminders' own state (crm.payment_reminders): <see cref="ClaimAsync"/> picks the instalments of approved contracts not
/// fully paid whose reminder day has come (within the last <c>graceDays</c>: a job that was down longer does not flood the owners with
/// stale reminders) and that were not reminded on that day, and marks them reminded — in the caller's transaction, which also hands the
/// notifications to the outbox. Days are UTC days (no per-organisation time zone yet).
/// </summary>
public sealed class PaymentReminders : IReminderSource
{
    public async Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, TimeSpan grace, int limit, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var claimed = await ClaimRowsAsync(tx, today, (int)Math.Ceiling(grace.TotalDays), now, limit, ct);
        return [.. claimed.Select(due => Notification(due, now))];
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

    private static async Task<IReadOnlyList<PaymentReminder>> ClaimRowsAsync(
        NpgsqlTransaction tx, DateOnly today, int graceDays, DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            with due as (
                select p.plan_id, p.remind_on, r.contract_id, r.contract_number, r.owner_id, p.instalment, r.currency, p.outstanding, p.planned_on
                from crm.receivable_plans p join crm.receivables r on r.contract_id = p.contract_id
                where r.status = 'approved' and p.outstanding > 0 and p.remind_on <= @today and p.remind_on >= @oldest
                  and not exists (select 1 from crm.payment_reminders m where m.plan_id = p.plan_id and m.remind_on = p.remind_on)
                order by p.remind_on, p.plan_id
                limit @limit),
            claimed as (
                insert into crm.payment_reminders (plan_id, remind_on, contract_id, owner_id, reminded_at)
                select plan_id, remind_on, contract_id, owner_id, @now from due
                on conflict do nothing
                returning plan_id, remind_on)
            select due.* from due join claimed using (plan_id, remind_on) order by remind_on, plan_id
            """, tx.Connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("today", today));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("oldest", today.AddDays(-graceDays)));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var claimed = new List<PaymentReminder>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new Tables.RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new PaymentReminder(r.Id("plan_id"), r.Value<DateOnly>("remind_on"), r.Id("contract_id"), r.Text("contract_number"),
                r.Id("owner_id"), r.Int("instalment"), r.Text("currency"), r.Value<decimal>("outstanding"), r.Value<DateOnly>("planned_on")));
        }
        return claimed;
    }
}
