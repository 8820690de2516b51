using Crm.Events;
using Crm.Write.Opportunities;

namespace Crm.Write.Contracts;

// Commands carry what the rules need from outside the stream, looked up by the handler (the number, the products of new lines, whose
// the opportunity and the signatory are); the decider stays pure.

/// <summary>Whose a record named by a contract is, as the handler found it: null when it does not exist.</summary>
public sealed record LinkedRecord(Guid Id, Guid? CustomerId);

/// <param name="Number">The number: the client's, or the next one of the pattern.</param>
/// <param name="NumberTaken">Whether a contract holds <paramref name="Number"/> already (a client's number: 409 contract_number_taken).</param>
/// <param name="Currency">Null: the first line's product currency, else CNY.</param>
/// <param name="Amount">Null: the lines' total; a number sets the amount by hand.</param>
/// <param name="Opportunity">The opportunity named, as found (null: none named).</param>
/// <param name="Signatory">The signatory contact named, as found (null: none named).</param>
public sealed record CreateContract(
    Guid ContractId, string Number, bool NumberTaken, Guid CustomerId, ContractInput Fields, IReadOnlyList<LineInput> Lines, string? Currency,
    decimal? Amount, Guid OwnerId, IReadOnlyDictionary<Guid, ProductOnFile> Products, LinkedRecord? Opportunity = null, LinkedRecord? Signatory = null);

/// <param name="Amount">A number sets the amount by hand.</param>
/// <param name="AmountFromLines">True gives the amount back to the lines' total.</param>
/// <param name="Signatory">The signatory named by the edit, as found; null when the edit names none.</param>
public sealed record EditContract(Guid ContractId, ContractInput Fields, decimal? Amount = null, bool AmountFromLines = false, LinkedRecord? Signatory = null);

public sealed record ChangeContractLines(Guid ContractId, IReadOnlyList<LineInput> Lines, IReadOnlyDictionary<Guid, ProductOnFile> Products);

public sealed record DeleteContract(Guid ContractId);

public sealed record VoidContract(Guid ContractId, string? Reason);

/// <param name="KeepPreviousOwnerAs">Null, or the team access (read / read_write) the previous owner keeps.</param>
public sealed record TransferContract(Guid ContractId, Guid NewOwnerId, string? KeepPreviousOwnerAs = null);

public sealed record AddContractTeamMember(Guid ContractId, Guid UserId, string? Access);

public sealed record ChangeContractTeamMember(Guid ContractId, Guid UserId, string? Access);

public sealed record RemoveContractTeamMember(Guid ContractId, Guid UserId);

/// <summary>One instalment as sent; in a change, null leaves a value as is.</summary>
/// <param name="PlannedOn">yyyy-MM-dd.</param>
/// <param name="RemindDaysBefore">0–365; null: no reminder (in a change: as it is).</param>
public sealed record PlanInput(int? Instalment, decimal? Amount, string? PlannedOn, string? Method, int? RemindDaysBefore, string? Remark);

public sealed record AddPaymentPlan(Guid ContractId, Guid PlanId, PlanInput Plan);

public sealed record ChangePaymentPlan(Guid ContractId, Guid PlanId, PlanInput Plan);

public sealed record RemovePaymentPlan(Guid ContractId, Guid PlanId);
