using Crm.Events.Customers;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Write;
using Crm.Write.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Refusals;

/// <summary>
/// The retry's give-up path: without If-Match a lost race runs the command again on fresh state, but a
/// record that changes under every attempt ends in a 409 concurrent_change, never a 500 or a lost write.
/// </summary>
public sealed class giving_up_on_a_record_that_keeps_changing(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_command_that_loses_every_race_is_refused_as_concurrent_change_after_its_retries_and_appends_nothing()
    {
        var customer = await host.Admin.CreatedAsync(CustomerApi.Route, new { name = LeadApi.Unique("Acme") });
        var id = customer.Id();
        var handler = host.Services.GetRequiredService<CommandHandler>();
        var attempts = 0;

        // Each attempt decides on the version it loaded, then a colleague's edit moves the record on before the append.
        var outcome = await handler.HandleAsync(Customer.Decider, id, async (_, _, ct) =>
        {
            attempts++;
            await host.Admin.Scenario(s => s.Patch.Json(new { remark = $"edit {attempts}" }).ToUrl($"/api/customers/{id}"));
            return Decision.Accept(new CustomerLocked(id));
        }, new CommandRequest());

        Assert.Equal(("concurrent_change", ErrorKind.Conflict), (outcome.Error?.Code, outcome.Error?.Kind));
        Assert.True(attempts > 1, $"the command ran {attempts} time(s): a lost race must be retried before it is given up");
        var after = await host.Admin.GetJsonAsync($"/api/customers/{id}");
        Assert.False(after.GetProperty("locked").GetBoolean());
        Assert.Equal($"edit {attempts}", after.GetProperty("remark").GetString());
    }
}
