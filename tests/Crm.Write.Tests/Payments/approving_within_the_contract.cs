using Crm.Events;
using Crm.Write.Invoices;
using Crm.Write.Payments;

namespace Crm.Write.Tests.Payments;

/// <summary>The pure rules the approval engine applies across records at approval: payments within the contract, an approved contract.</summary>
public sealed class approving_within_the_contract
{
    [Theory]
    [InlineData(40, 1000, 960, null)]
    [InlineData(40.01, 1000, 960, "payments_exceed_contract")]
    [InlineData(1, 1000, 1200, "payments_exceed_contract")]
    public void approved_payments_never_add_up_to_more_than_the_contract(decimal amount, decimal contract, decimal approved, string? code)
    {
        var refusal = Payment.ExceedsContract(amount, contract, approved);
        Assert.Equal(code, refusal?.Code);
        if (refusal is null) return;
        Assert.Equal(("amount", ErrorKind.Conflict), (refusal.Field, refusal.Kind));
        Assert.Equal(Math.Max(0m, contract - approved), refusal.Extensions["unpaid"]);
        // Only what is unpaid: the approver may not reach the contract, whose amount and other payments stay untold.
        Assert.DoesNotContain(contract.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApprovalStatus.Approved, null)]
    [InlineData(ApprovalStatus.Voided, "contract_voided")]
    [InlineData(ApprovalStatus.Pending, "contract_not_approved")]
    [InlineData(ApprovalStatus.Draft, "contract_not_approved")]
    public void only_an_approved_contract_takes_invoices(string status, string? code)
    {
        var refusal = Invoice.ContractRefusal(status);
        Assert.Equal(code, refusal?.Code);
        if (refusal is not null) Assert.Equal("contractId", refusal.Field);
    }
}
