using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Erasure;

namespace Crm.Write.Customers;

/// <summary>
/// A data subject's request to erase the customer's personal data (docs/event-store.md, "Erasure"): its address, phone, e-mail and
/// remark; the name stays (a customer is mostly a company). The reason is required.
/// </summary>
public sealed record EraseCustomer(Guid CustomerId, string? Reason);

public static partial class Customer
{
    public static Decision Decide(EraseCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        return ErasureRules.Decide("customer", state.Id, state.Erased, command.Reason, CustomerFields.Personal,
            reason => new CustomerPersonalDataErased(state.Id, reason, CustomerFields.Personal, context.Now));
    }
}
