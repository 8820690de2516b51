using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Targets.TargetSeeds;

namespace Crm.Host.Tests.Targets;

public sealed class managing_targets(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_target_is_set_read_listed_changed_and_deleted_and_its_key_is_taken_once()
    {
        var user = (await host.Admin.CreateUserAsync()).Id();
        var created = await host.Admin.CreatedAsync(Route, Body("user", user, "contract_amount", "quarter", 2, 500_000m));
        var path = $"{Route}/{created.Id()}";
        Assert.Equal(("2026-04-01", "2026-06-30"), (created.GetProperty("startsOn").GetString(), created.GetProperty("endsOn").GetString()));
        Assert.Equal(500_000m, (await host.Admin.GetJsonAsync(path)).GetProperty("amount").GetDecimal());
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("user", user, "contract_amount", "quarter", 2, 1m), 409, "subjectId", "target_exists");
        await host.Admin.CreatedAsync(Route, Body("user", user, "payments_received", "quarter", 2, 1m));
        await host.Admin.CreatedAsync(Route, Body("user", user, "contract_amount", "year", null, 2_000_000m));

        var listed = (await host.Admin.GetJsonAsync($"{Route}?subjectId={user}&measure=contract_amount")).GetProperty("items");
        Assert.Equal(["year", "quarter"], listed.EnumerateArray().Select(i => i.GetProperty("period").GetString()));
        Assert.Single((await host.Admin.GetJsonAsync($"{Route}?subjectId={user}&period=quarter&periodNo=2&measure=payments_received"))
            .GetProperty("items").EnumerateArray());

        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { amount = 1 }, 412, "If-Match", "stale_version", ifMatch: "\"7\"");
        var changed = (await host.Admin.SendAsync(HttpMethod.Patch, path, new { amount = 600_000.5 }, ifMatch: "\"1\"")).Json();
        Assert.Equal((600_000.5m, 2L), (changed.GetProperty("amount").GetDecimal(), changed.GetProperty("version").GetInt64()));
        await host.Admin.SendAsync(HttpMethod.Delete, path, status: 204);
        await host.Admin.RefusedAsync(HttpMethod.Get, path, null, 404, code: "target_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { amount = 1 }, 404, code: "target_not_found");
        await host.Admin.CreatedAsync(Route, Body("user", user, "contract_amount", "quarter", 2, 1m));
    }

    [Fact]
    public async Task two_requests_for_the_same_key_cannot_both_pass()
    {
        var user = (await host.Admin.CreateUserAsync()).Id();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Admin.Scenario(s =>
        {
            s.Send(HttpMethod.Post, Route, Body("user", user, "contract_amount", "month", 3, 10m));
            s.IgnoreStatusCode();
        })));
        Assert.Equal(1, attempts.Count(a => a.Status() == 201));
        Assert.All(attempts.Where(a => a.Status() != 201), a => Assert.Equal("target_exists", a.Json().GetProperty("code").GetString()));
    }

    [Fact]
    public async Task broken_input_is_refused_naming_the_field()
    {
        var user = (await host.Admin.CreateUserAsync()).Id();
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { subjectKind = "team", subjectId = user, measure = "contract_amount", year = 2026,
            period = "year", amount = 1, currency = "CNY" }, 400, "subjectKind", "subject_kind_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { subjectKind = "user", measure = "contract_amount", year = 2026, period = "year",
            amount = 1, currency = "CNY" }, 400, "subjectId", "subject_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("user", user, "leads", "year", null, 1m), 400, "measure", "measure_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("user", user, "contract_amount", "year", null, 1m, year: 1999), 400, "year",
            "year_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("user", user, "contract_amount", "week", null, 1m), 400, "period", "period_invalid");
        foreach (var (period, no) in new (string, int?)[] { ("year", 1), ("quarter", 5), ("quarter", null), ("month", 13), ("month", 0) })
            await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("user", user, "contract_amount", period, no, 1m), 400, "periodNo", "period_no_invalid");
        foreach (var amount in new[] { 0m, -1m, 1.001m })
            await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("user", user, "contract_amount", "year", null, amount), 400, "amount", "amount_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { subjectKind = "user", subjectId = user, measure = "contract_amount", year = 2026,
            period = "year", amount = 1, currency = "yuan" }, 400, "currency", "currency_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("user", Guid.CreateVersion7(), "contract_amount", "year", null, 1m), 422, "subjectId",
            "subject_unknown");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, Body("department", user, "contract_amount", "year", null, 1m), 422, "subjectId",
            "subject_unknown");
        var target = await host.Admin.CreatedAsync(Route, Body("user", user, "contract_amount", "year", null, 1m));
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{target.Id()}", new { amount = 0.001 }, 400, "amount", "amount_out_of_range");
        foreach (var query in new[] { "period=week", "measure=x", "year=3000", "periodNo=13", "subjectKind=team" })
            await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?{query}", null, 400, query.Split('=')[0]);
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/achievement?period=week", null, 400, "period", "period_invalid");
    }

    [Fact]
    public async Task a_self_scoped_planner_sets_only_their_own_targets_and_a_department_scope_covers_its_department()
    {
        var department = (await host.Admin.CreateDepartmentAsync(UserApi.NewMobile())).Id();
        var (lead, leader) = await host.MemberAsync(department, "department", Planner);
        var (self, planner) = await host.MemberAsync(department, "self", Planner);
        var admin = await host.Admin.GetJsonAsync("/api/auth/me");

        var own = await planner.CreatedAsync(Route, Body("user", self, "contract_amount", "year", null, 10m));
        await planner.RefusedAsync(HttpMethod.Post, Route, Body("user", admin.Id(), "contract_amount", "year", null, 10m), 422, "subjectId",
            "subject_out_of_scope");
        await planner.RefusedAsync(HttpMethod.Post, Route, Body("department", department, "contract_amount", "year", null, 10m), 422, "subjectId",
            "subject_out_of_scope");
        var ofDepartment = await leader.CreatedAsync(Route, Body("department", department, "contract_amount", "year", null, 100m));
        await leader.SendAsync(HttpMethod.Patch, $"{Route}/{own.Id()}", new { amount = 11 });

        var hidden = await host.Admin.CreatedAsync(Route, Body("user", admin.Id(), "contract_amount", "year", null, 10m));
        foreach (var (method, body) in new (HttpMethod, object?)[] { (HttpMethod.Get, null), (HttpMethod.Patch, new { amount = 2 }), (HttpMethod.Delete, null) })
        {
            await planner.RefusedAsync(method, $"{Route}/{hidden.Id()}", body, 404, code: "target_not_found");
            await planner.RefusedAsync(method, $"{Route}/{ofDepartment.Id()}", body, 404, code: "target_not_found");
        }
        var seen = (await planner.GetJsonAsync(Route)).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Equal([own.Id()], seen);
        var seenByLeader = (await leader.GetJsonAsync(Route)).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToHashSet();
        Assert.Equal([own.Id(), ofDepartment.Id()], seenByLeader.Order());
        var (_, reader) = await host.SignedInUserAsync("all", "target.list");
        await reader.RefusedAsync(HttpMethod.Post, Route, Body("user", lead, "contract_amount", "year", null, 1m), 403, code: "permission_denied");
        await host.SignedOut.RefusedAsync(HttpMethod.Get, $"{Route}/achievement", null, 401);
    }
}
