using Crm.Events.Sales;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Write.Approvals;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Invoices.InvoiceSeeds;

namespace Crm.Host.Tests.Invoices;

/// <summary>The invoice as the approval engine sees it, through the registered <see cref="IApprovalSubject"/> of kind "invoice".</summary>
public sealed class approving_invoices(HostFixture host) : IClassFixture<HostFixture>
{
    private IApprovalSubject Subject => host.Services.GetServices<IApprovalSubject>().Single(s => s.Kind == "invoice");

    [Fact]
    public async Task the_subject_binds_the_printed_fields_and_refuses_to_submit_a_locked_invoice()
    {
        var contract = await host.ContractAsync(await host.MeAsync(), 500m);
        var invoice = (await host.Admin.CreatedAsync(Route, Body(contract, 200m))).Id();
        var (record, refusal) = await Subject.ReadAsync(invoice, null, null, true, default);
        Assert.Null(refusal);
        Assert.Equal(("draft", 1L, "200.00"), (record!.Status, record.Version, record.ApprovedFields["amount"]));
        Assert.Null(Subject.CanSubmit(record));
        var approved = Assert.IsType<InvoiceApproved>(Subject.Approved(record, Guid.CreateVersion7(), 2, DateTimeOffset.UtcNow));
        Assert.Equal((contract, 200m), (approved.ContractId, approved.Amount.Amount));

        await host.ApproveAsync(invoice, approve: false);
        var (pending, _) = await Subject.ReadAsync(invoice, null, null, true, default);
        Assert.Equal("invoice_locked", Subject.CanSubmit(pending!)!.Code);
        Assert.Equal(record.ContentHash, (await Subject.ReadAtAsync(invoice, 1, default))!.ContentHash);
        Assert.Null(await Subject.ReadAtAsync(invoice, 9, default));
    }

    [Fact]
    public async Task a_rejected_invoice_that_no_longer_fits_is_not_submitted_again_and_hidden_ones_are_404s()
    {
        var contract = await host.ContractAsync(await host.MeAsync(), 500m);
        var invoice = (await host.Admin.CreatedAsync(Route, Body(contract, 300m))).Id();
        await host.ApproveAsync(invoice, rejectReason: "Wrong tax number");
        await host.Admin.CreatedAsync(Route, Body(contract, 300m));
        var (rejected, _) = await Subject.ReadAsync(invoice, null, null, true, default);
        var (refusal, _) = await Subject.CrossCheckAsync(rejected!, false, default);
        Assert.Equal(("invoice_exceeds_invoiceable", "amount"), (refusal!.Code, refusal.Field));

        var (_, clerk) = await host.SignedInUserAsync("self", Clerk);
        var me = await clerk.GetJsonAsync("/api/auth/me");
        var caller = new Write.Caller(me.Id(), await host.Services.GetRequiredService<Crm.Host.Access.AccessControl>().CurrentAsync(default));
        var (_, hidden) = await Subject.ReadAsync(invoice, caller, "invoice.edit", true, default);
        Assert.Equal("invoice_not_found", hidden!.Code);
    }
}
