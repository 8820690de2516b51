using Crm.Events.Sales;
using Crm.Host.Access;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Write;
using Crm.Write.Approvals;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Payments.PaymentSeeds;

namespace Crm.Host.Tests.Payments;

/// <summary>The payment as the approval engine (slice A) will see it through DI: read with the submitter's reach, bound to its fields.</summary>
public sealed class the_payment_approval_subject(PaymentHostFixture host) : IClassFixture<PaymentHostFixture>
{
    private IApprovalSubject Subject => host.Services.GetServices<IApprovalSubject>().Single(s => s.Kind == "payment");

    private async Task<Caller> CallerAsync(Guid userId) =>
        new CallerAccess(userId, await host.Services.GetRequiredService<AccessControl>().CurrentAsync(CancellationToken.None));

    [Fact]
    public async Task it_reads_the_payment_through_the_contracts_reach_and_makes_the_payments_own_events()
    {
        Assert.Equal(("payment", "payment.edit"), (Subject.StreamType, Subject.SubmitPermission));
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var contract = await host.ContractAsync((await host.Admin.CreateCustomerAsync()).Id(), me, 500m);
        var id = (await host.Admin.RecordAsync(contract.Id, 120m, host.Today)).Id();
        var (repId, _) = await host.SignedInUserAsync("self", Cashier);

        var (hidden, refusal) = await Subject.ReadAsync(id, await CallerAsync(repId), "payment.edit", true, CancellationToken.None);
        Assert.Null(hidden);
        Assert.Equal("payment_not_found", refusal!.Code);
        var (record, none) = await Subject.ReadAsync(id, await CallerAsync(me), "payment.edit", true, CancellationToken.None);
        Assert.Null(none);
        Assert.Equal((1L, "draft", me, "120.00 CNY", contract.Id.ToString()),
            (record!.Version, record.Status, record.OwnerId, record.ApprovedFields["amount"], record.ApprovedFields["contractId"]));
        Assert.Null(Subject.CanSubmit(record));
        Assert.Equal(record.ContentHash, (await Subject.ReadAtAsync(id, 1, CancellationToken.None))!.ContentHash);
        Assert.Null(await Subject.ReadAtAsync(Guid.CreateVersion7(), 1, CancellationToken.None));

        var submission = Guid.CreateVersion7();
        var approved = Assert.IsType<PaymentApproved>(Subject.Approved(record, submission, 2, DateTimeOffset.UtcNow));
        Assert.Equal((contract.Id, contract.CustomerId, 120m, host.Today), (approved.ContractId, approved.CustomerId, approved.Amount.Amount, approved.ReceivedOn));
        Assert.IsType<PaymentSubmitted>(Subject.Submitted(record, submission, DateTimeOffset.UtcNow));
        Assert.Equal("No receipt", Assert.IsType<PaymentRejected>(Subject.Rejected(record, submission, "No receipt", DateTimeOffset.UtcNow)).Reason);
        Assert.IsType<PaymentWithdrawn>(Subject.Withdrawn(record, submission, DateTimeOffset.UtcNow));

        // An approver acts by the step's rule, not by data scope: no caller, no reach check.
        await host.SubmitAsync(id);
        var (pending, _) = await Subject.ReadAsync(id, null, null, false, CancellationToken.None);
        Assert.Equal("payment_locked", Subject.CanSubmit(pending!)!.Code);
    }
}
