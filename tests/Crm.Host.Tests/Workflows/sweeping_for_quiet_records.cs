using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Workflows;

/// <summary>The no_follow_up trigger: the sweep finds records quiet for the rule's days, runs once per quiet period, again after a new one.</summary>
public sealed class sweeping_for_quiet_records(WorkflowClockHost host) : IClassFixture<WorkflowClockHost>
{
    [Fact]
    public async Task a_lead_without_a_follow_up_for_the_rules_days_gets_one_run_per_quiet_period()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rule = await host.Admin.CreateWorkflowAsync(new { recordKind = "lead", on = "no_follow_up", days = 3 },
            [new { type = "notify", text = "Nobody followed this lead up for 3 days" }], new { and = new[] { new { field = "name", op = "contains", value = tag } } });
        var lead = await host.Admin.CreateLeadAsync("Quiet " + tag);
        var sweep = host.Services.GetRequiredService<WorkflowSweepService>();

        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(1, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
        await host.SettledAsync();

        // Tokens follow the moved clock: sign in again.
        var admin = await host.SignedInAsync(HostFixture.AdminMobile, HostFixture.AdminPassword);
        var run = await admin.RunAboutAsync(rule.Id(), lead.Id());
        Assert.Equal(("succeeded", "workflow.no-follow-up"), (run.Status(), run.GetProperty("eventType").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.String, run.GetProperty("quietSince").ValueKind);

        // A follow-up starts a new quiet period: one more run once it is as long as the rule's days.
        await admin.CreatedAsync($"{LeadApi.Route}/{lead.Id()}/follow-ups", new { kind = "phone", content = "Called at last" });
        host.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(1, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
        await host.SettledAsync();
        await using var periods = host.Data().CreateCommand(
            "select count(distinct quiet_since) from crm.workflow_runs where workflow_id = @w and record_id = @r and status = 'succeeded'");
        periods.Parameters.AddWithValue("w", rule.Id());
        periods.Parameters.AddWithValue("r", lead.Id());
        Assert.Equal(2L, (long)(await periods.ExecuteScalarAsync())!);
    }
}
