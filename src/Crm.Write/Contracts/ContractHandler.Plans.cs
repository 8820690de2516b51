using Crm.Write.Access;

namespace Crm.Write.Contracts;

// The payment plan's commands (SAL-5): the payment-plan.* permissions, on the contract as the caller reaches it (read-write team
// members too); the plan lives in the contract's stream, so If-Match is the contract's version.
public sealed partial class ContractHandler
{
    public Task<CommandOutcome> AddPlanAsync(AddPaymentPlan command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "payment-plan.create", TeamNeed.ReadWrite, caller, request,
            (s, _) => Decided(Contract.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> ChangePlanAsync(ChangePaymentPlan command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "payment-plan.edit", TeamNeed.ReadWrite, caller, request,
            (s, _) => Decided(Contract.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> RemovePlanAsync(RemovePaymentPlan command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "payment-plan.delete", TeamNeed.ReadWrite, caller, request,
            (s, _) => Decided(Contract.Decide(command, s, Context(request))), ct);
}
