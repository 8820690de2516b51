using Crm.Host.Notifications;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Notifications;

/// <summary>The payment-plan reminder job on the payment host's hand-moved clock: each instalment's reminder once, on its day.</summary>
public sealed class reminding_of_payment_plans(PaymentHostFixture host) : IClassFixture<PaymentHostFixture>
{
    [Fact]
    public async Task an_unpaid_instalment_is_reminded_to_the_owner_once_on_its_reminder_day_however_many_runs_race()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", PaymentSeeds.Cashier);
        var customer = (await rep.CreateCustomerAsync()).Id();
        var today = host.Today;
        // Reminder days: today; in 8 days; 31 days ago (older than the job's grace of 3 days: not sent late); none.
        var contract = await host.ContractAsync(customer, repId, 1200m,
            plans: [(400m, today.AddDays(3), 3), (600m, today.AddDays(10), 2), (100m, today.AddDays(-30), 1), (100m, today.AddDays(20), null)]);
        await host.CaughtUpAsync(); // the receivables (async) hold the instalments the job reads
        var job = host.Services.GetRequiredService<ReminderService>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => job.RunOnceAsync(CancellationToken.None)));
        await job.RunOnceAsync(CancellationToken.None);
        await host.CaughtUpAsync();

        var reminders = await RemindersAsync(rep);
        var first = Assert.Single(reminders);
        Assert.Equal(contract.Id, first.GetProperty("recordId").GetGuid());
        Assert.Equal("contract", first.GetProperty("recordType").GetString());
        Assert.Contains($"Contract {contract.Number}: instalment 1, 400.00 CNY outstanding, due on {today.AddDays(3):yyyy-MM-dd}",
            first.GetProperty("message").GetString());

        host.Clock.Advance(TimeSpan.FromDays(8));
        try
        {
            await job.RunOnceAsync(CancellationToken.None);
            await job.RunOnceAsync(CancellationToken.None);
            await host.CaughtUpAsync();
            // Eight days on, the rep's access token has expired: the inbox is read as the API would, from its query.
            var inbox = await host.Services.GetRequiredService<Crm.Projections.Notifications.NotificationQueries>().ListAsync(repId, false, 100, null);
            var later = inbox.Items.Where(n => n.Kind == "payment_plan_due").ToList();
            Assert.Equal(2, later.Count);
            Assert.Contains("instalment 2, 600.00 CNY", later[0].Message);
        }
        finally
        {
            host.Clock.Advance(TimeSpan.FromDays(-8));
        }
    }

    [Fact]
    public async Task a_paid_instalment_is_not_reminded()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", PaymentSeeds.Cashier);
        var customer = (await rep.CreateCustomerAsync()).Id();
        var contract = await host.ContractAsync(customer, repId, 500m, plans: [(500m, host.Today.AddDays(1), 1)]);
        await host.ApprovedPaymentAsync(rep, contract.Id, 500m, host.Today);
        await host.CaughtUpAsync();

        await host.Services.GetRequiredService<ReminderService>().RunOnceAsync(CancellationToken.None);
        await host.CaughtUpAsync();

        Assert.Empty(await RemindersAsync(rep));
    }

    private static async Task<List<System.Text.Json.JsonElement>> RemindersAsync(ApiCaller rep) =>
        [.. (await rep.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "payment_plan_due")];
}
