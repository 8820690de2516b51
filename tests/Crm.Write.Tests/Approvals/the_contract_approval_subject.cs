using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Approvals;
using Crm.Write.Contracts;

namespace Crm.Write.Tests.Approvals;

public sealed class the_contract_approval_subject
{
    [Fact]
    public void the_approved_event_takes_the_amount_and_customer_from_the_state_read_not_from_the_approved_fields_text()
    {
        var state = ContractState.None with
        {
            Exists = true, Id = Guid.CreateVersion7(), CustomerId = Guid.CreateVersion7(), Amount = new Money(1234567.891m, "USD"),
            Status = ApprovalStatus.Pending,
        };
        // The approved fields are text to hash and show; any display form of them must not change what the approval event carries.
        var record = new ApprovalRecord("contract", state.Id, 4, state.Status, Guid.CreateVersion7(), "HT-1 Deal",
            new Dictionary<string, string?> { ["amount"] = "1,234,567.89 US$", ["customerId"] = null }) { Source = state };

        var approved = Assert.IsType<ContractApproved>(new ContractApprovalSubject(null!).Approved(record, Guid.CreateVersion7(), 4, DateTimeOffset.UtcNow));

        Assert.Equal((state.CustomerId, 1234567.891m, "USD", 4L),
            (approved.CustomerId, approved.Amount.Amount, approved.Amount.Currency, approved.ApprovedVersion));
    }
}
