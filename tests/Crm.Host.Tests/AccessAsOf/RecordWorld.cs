using Crm.Host.Tests.Access;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Opportunities;

namespace Crm.Host.Tests.AccessAsOf;

/// <summary>
/// The permission matrix's org (<see cref="SmallOrg"/>: Ada holds one role of the scope under test) grown into every kind the access
/// answer covers: per user a customer (the matrix's), a contact of it, a lead, an opportunity and a contract, all theirs; a customer
/// and a lead in the pools; Bo on Peer's customer's team (read) and Support on East's opportunity's team (read_write). Bo and Support
/// hold a self-scoped role reading every kind, so their team places matter.
/// </summary>
internal sealed class RecordWorld
{
    public required SmallOrg Org { get; init; }

    /// <summary>Every record: (kind, id, whose).</summary>
    public required List<(string Kind, Guid Id, string Whose)> Records { get; init; }

    public static async Task<RecordWorld> BuildAsync(HostFixture host, string scope)
    {
        var org = await SmallOrg.BuildAsync(host, scope, [.. AccessAsOfApi.DetailPermissions, "pool.list", "lead.claim"]);
        var admin = host.Admin;
        var reps = await admin.CreateRoleAsync($"Reps {org.Tag}", "self", AccessAsOfApi.DetailPermissions);
        await org.GiveRolesAsync(org.UserOf["Bo"], reps.IdOf());
        await org.GiveRolesAsync(org.UserOf["Support"], reps.IdOf());

        var records = new List<(string, Guid, string)>();
        await host.DefaultPipelineAsync();
        foreach (var (name, owner) in org.UserOf)
        {
            var customer = org.CustomerOf[name];
            records.Add(("customer", customer, name));
            var contact = await admin.CreatedAsync("/api/contacts", new { customerId = customer, name = $"Contact of {name} {org.Tag}" });
            records.Add(("contact", contact.IdOf(), name));
            var lead = await admin.CreateLeadAsync(extra: new { ownerId = owner, createAnyway = true });
            records.Add(("lead", lead.IdOf(), name));
            var opportunity = await host.CreateOpportunityAsync(admin, customer, new { ownerId = owner });
            records.Add(("opportunity", opportunity.IdOf(), name));
            var contract = await admin.CreatedAsync("/api/contracts", new
            {
                customerId = customer, name = $"Contract of {name}", currency = "CNY", amount = 1000m, ownerId = owner,
            });
            records.Add(("contract", contract.IdOf(), name));
        }

        var pooled = await admin.CreatedAsync("/api/customers", new { name = $"{org.Tag} pooled customer", ownerId = org.UserOf["Peer"], createAnyway = true });
        await admin.SendAsync("POST", $"/api/customers/{pooled.IdOf()}/put-in-pool", new { });
        records.Add(("customer", pooled.IdOf(), "pool"));
        var pooledLead = await admin.CreateLeadAsync(extra: new { ownerId = org.UserOf["Peer"], createAnyway = true });
        await admin.SendAsync("POST", $"/api/leads/{pooledLead.IdOf()}/pool", new { });
        records.Add(("lead", pooledLead.IdOf(), "pool"));

        await admin.SendAsync("POST", $"/api/customers/{org.CustomerOf["Peer"]}/team", new { userId = org.UserOf["Bo"], access = "read" });
        var eastDeal = records.Single(r => r.Item1 == "opportunity" && r.Item3 == "East").Item2;
        await admin.SendAsync("POST", $"/api/opportunities/{eastDeal}/team", new { userId = org.UserOf["Support"], access = "read_write" });
        return new RecordWorld { Org = org, Records = records };
    }
}
