using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Opportunities;
using static Crm.Host.Tests.AccessAsOf.AccessAsOfApi;

namespace Crm.Host.Tests.AccessAsOf;

/// <summary>
/// Who may ask (audit.access, no data scope narrows it), what a bad question answers, and that an erased record's personal data
/// does not come back through the answer.
/// </summary>
public sealed class asking_who_could_see(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string[] Kinds = ["customer", "lead", "contact", "opportunity", "contract"];

    [Fact]
    public async Task only_audit_access_may_ask_and_it_reaches_records_outside_the_callers_scope()
    {
        var customer = await host.Admin.CreatedAsync("/api/customers", new { name = "Scope " + Guid.NewGuid().ToString("N")[..8], createAnyway = true });
        var (_, rep) = await host.SignedInUserAsync("all", [.. DetailPermissions, "audit.feed"]);
        var (auditorId, auditor) = await host.SignedInUserAsync("self", "audit.access");

        await host.SignedOut.Scenario(s => { s.Get.Url(AccessPath("customer", customer.IdOf())); s.ProblemShouldBe(401); });
        foreach (var kind in Kinds)
        {
            await rep.Scenario(s =>
            {
                s.Get.Url(AccessPath(kind, customer.IdOf()));
                s.ProblemShouldBe(403, code: "permission_denied");
            });
        }
        // Self-scoped, the auditor could not read the admin's customer, yet may ask who could; they are no viewer of it.
        var answer = await auditor.AccessAsync("customer", customer.IdOf());
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).IdOf();
        Assert.Equal(["super_administrator"], answer.RulesOf(admin));
        Assert.DoesNotContain(auditorId, answer.ViewerIds());
    }

    [Theory]
    [InlineData("asOf=yesterday")]
    [InlineData("asOf=2026-13-01T00:00:00Z")]
    public async Task a_moment_that_is_no_instant_is_a_400_naming_as_of(string query)
    {
        await host.Admin.Scenario(s =>
        {
            s.Get.Url($"/api/customers/{Guid.NewGuid()}/access?{query}");
            s.ProblemShouldBe(400, "asOf", "parameter_invalid");
        });
    }

    [Fact]
    public async Task an_unknown_id_or_one_of_another_kind_is_the_kinds_not_found()
    {
        foreach (var kind in Kinds)
        {
            await host.Admin.Scenario(s =>
            {
                s.Get.Url(AccessPath(kind, Guid.NewGuid()));
                s.ProblemShouldBe(404, code: $"{kind}_not_found");
            });
        }
        var customer = await host.Admin.CreatedAsync("/api/customers", new { name = "Kind " + Guid.NewGuid().ToString("N")[..8], createAnyway = true });
        foreach (var kind in Kinds.Where(k => k != "customer"))
        {
            await host.Admin.Scenario(s =>
            {
                s.Get.Url(AccessPath(kind, customer.IdOf()));
                s.ProblemShouldBe(404, code: $"{kind}_not_found");
            });
        }
        await host.Admin.Scenario(s => { s.Get.Url($"/api/customers/not-an-id/access"); s.ProblemShouldBe(400, "id", "parameter_invalid"); });
    }

    [Fact]
    public async Task a_contact_is_seen_through_its_customers_owner_and_team_and_a_deleted_contract_by_nobody()
    {
        var (bo, _) = await host.SignedInUserAsync("self", DetailPermissions);
        var (cy, _) = await host.SignedInUserAsync("self", DetailPermissions);
        var customer = await host.Admin.CreatedAsync("/api/customers",
            new { name = "Via " + Guid.NewGuid().ToString("N")[..8], ownerId = bo, createAnyway = true });
        await host.Admin.SendAsync("POST", $"/api/customers/{customer.IdOf()}/team", new { userId = cy, access = "read" });
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.IdOf(), name = "Via contact" });

        var answer = await host.Admin.AccessAsync("contact", contact.IdOf());
        Assert.Equal(bo, answer.GetProperty("customer").GetProperty("owner").GetProperty("id").GetGuid());
        Assert.Contains(answer.GrantsOf(cy), g => g.GetProperty("via").GetString() == "customer_team");
        Assert.Contains(answer.GrantsOf(bo), g => g.GetProperty("rule").GetString() == "owner");

        var contract = await host.Admin.CreatedAsync("/api/contracts", new { customerId = customer.IdOf(), name = "Gone", currency = "CNY", amount = 10m });
        var before = await MomentAsync();
        await host.Admin.SendAsync("DELETE", $"/api/contracts/{contract.IdOf()}", status: 204);
        Assert.NotEmpty((await host.Admin.AccessAsync("contract", contract.IdOf(), before)).ViewerIds());
        await host.Admin.Scenario(s => { s.Get.Url(AccessPath("contract", contract.IdOf())); s.ProblemShouldBe(404, code: "contract_not_found"); });
    }

    [Fact]
    public async Task pool_records_are_seen_by_the_pools_permission_holders()
    {
        var (lister, _) = await host.SignedInUserAsync("self", "customer.detail", "pool.list");
        var (claimer, _) = await host.SignedInUserAsync("self", "lead.detail", "lead.claim");
        var customer = await host.Admin.CreatedAsync("/api/customers", new { name = "Pool " + Guid.NewGuid().ToString("N")[..8], createAnyway = true });
        await host.Admin.SendAsync("POST", $"/api/customers/{customer.IdOf()}/put-in-pool", new { });
        var lead = await host.Admin.CreateLeadAsync(extra: new { createAnyway = true });
        await host.Admin.SendAsync("POST", $"/api/leads/{lead.IdOf()}/pool", new { });

        var customerAnswer = await host.Admin.AccessAsync("customer", customer.IdOf());
        Assert.Equal(JsonValueKind.Null, customerAnswer.GetProperty("owner").ValueKind);
        Assert.Equal("pool.list", customerAnswer.GrantsOf(lister).Single().GetProperty("poolPermission").GetString());
        Assert.Equal(["pool"], (await host.Admin.AccessAsync("lead", lead.IdOf())).RulesOf(claimer));
    }

    [Fact]
    public async Task an_erased_records_personal_data_does_not_come_back_through_the_answer()
    {
        var secret = "Erasable" + Guid.NewGuid().ToString("N")[..8];
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = await host.Admin.CreatedAsync("/api/customers", new
        {
            name = $"{secret} Ltd", phone, email = $"{secret}@example.com", address = $"{secret} Road 1", createAnyway = true,
        });
        var contact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = customer.IdOf(), name = $"{secret} Zhang", phone });
        var lead = await host.Admin.CreateLeadAsync($"{secret} Wang", new { phone, createAnyway = true });
        var before = await MomentAsync();
        foreach (var (kind, id) in new[] { ("contact", contact.IdOf()), ("customer", customer.IdOf()), ("lead", lead.IdOf()) })
            await host.Admin.SendAsync("POST", $"{PathOf(kind)}/{id}/erase", new { reason = "Data subject's request" });

        foreach (var (kind, id) in new[] { ("contact", contact.IdOf()), ("customer", customer.IdOf()), ("lead", lead.IdOf()) })
        {
            foreach (var asOf in new DateTimeOffset?[] { null, before })
            {
                var text = (await host.Admin.Scenario(s => s.Get.Url(AccessPath(kind, id, asOf)))).ReadAsText();
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(phone, text);
            }
        }
    }
}
