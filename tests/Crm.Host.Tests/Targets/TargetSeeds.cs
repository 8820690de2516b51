using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Host.Tests.Approvals;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Targets;

/// <summary>
/// What the target tests need from other slices. Payments go through the payments and approval APIs (a payment is dated by its
/// receivedOn, which the API takes in the past). Contracts stay on the event store on purpose: a contract without a signing date is
/// dated by the moment of its approval, and the tests pin that moment to a day of 2026 (2026-05-20) that an approval through the API,
/// always "now", cannot give; one seed for every contract keeps each test's dates, owners and statuses side by side.
/// </summary>
internal static class TargetSeeds
{
    public const string Route = "/api/targets";
    public static readonly string[] Planner = ["target.list", "target.edit"];

    private static EventStore.EventStore Store(HostFixture host) => host.Services.GetRequiredService<EventStore.EventStore>();

    public static DateTimeOffset On(string date) => DateTimeOffset.Parse(date + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A contract of the owner signed on <paramref name="signedOn"/> (or not), approved at <paramref name="approvedAt"/> (or left a draft).</summary>
    public static async Task<Guid> ContractAsync(this HostFixture host, Guid ownerId, decimal amount, string? signedOn, string? approvedAt,
        string currency = "CNY", params object[] before)
    {
        var (id, customer, submission) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var signed = signedOn is null ? (DateOnly?)null : DateOnly.Parse(signedOn, System.Globalization.CultureInfo.InvariantCulture);
        var events = new List<object>
        {
            new ContractCreated(id, "HT-" + id.ToString("N")[^8..], customer, null, new ContractFields("Deal", signed), [], new Money(amount, currency), true,
                ownerId, On("2026-01-02")),
        };
        events.AddRange(before.Select(e => e is Func<Guid, object> of ? of(id) : e));
        if (approvedAt is not null)
        {
            events.Add(new ContractSubmitted(id, submission, On(approvedAt)));
            events.Add(new ContractApproved(id, customer, submission, events.Count + 1, new Money(amount, currency), On(approvedAt)));
        }
        await Store(host).AppendAsync(StreamAppend.Start(id, "contract", [.. events]));
        return id;
    }

    public static async Task AppendAsync(this HostFixture host, Guid streamId, params object[] events)
    {
        var version = (await Store(host).ReadStreamAsync(streamId))[^1].Version;
        await Store(host).AppendAsync(new StreamAppend(streamId, "contract", ExpectedVersion.Exactly(version), events));
    }

    /// <summary>An approved payment of <paramref name="amount"/> received on <paramref name="receivedOn"/>, recorded and approved through the API.</summary>
    public static async Task PaymentAsync(this HostFixture host, Guid contractId, decimal amount, string receivedOn)
    {
        var payment = await host.Admin.CreatedAsync("/api/payments", new { contractId, amount, receivedOn });
        await host.DecideAsync("payment", await host.SubmitForApprovalAsync("payment", payment.Id()));
    }

    /// <summary>A user in the department with a role of the permissions in the data scope, signed in.</summary>
    public static async Task<(Guid Id, ApiCaller Caller)> MemberAsync(this HostFixture host, Guid? departmentId, string scope, params string[] permissions)
    {
        var role = await host.Admin.CreatedAsync("/api/roles", new { name = "R " + Guid.NewGuid().ToString("N"), permissions, dataScope = scope });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.Id() }, departmentId });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }

    public static object Body(string kind, Guid subject, string measure, string period, int? periodNo, decimal amount, int year = 2026) =>
        new { subjectKind = kind, subjectId = subject, measure, year, period, periodNo, amount, currency = "CNY" };
}
