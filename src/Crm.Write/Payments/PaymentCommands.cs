namespace Crm.Write.Payments;

// Commands carry the contract as its stream has it (looked up by the handler inside the command's cycle); the decider stays pure.

public sealed record RecordPayment(Guid PaymentId, ContractOnFile Contract, PaymentInput Fields);

public sealed record EditPayment(Guid PaymentId, ContractOnFile Contract, PaymentInput Fields);

public sealed record DeletePayment(Guid PaymentId);
