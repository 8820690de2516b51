using Crm.EventStore;
using Crm.Projections.Invoices;
using Crm.Projections.Payments;
using Crm.Write.Access;
using Crm.Write.Contracts;

namespace Crm.Write.Invoices;

/// <summary>A new invoice as the caller asks for it; <paramref name="InvoiceId"/> is the client's choice when not null.</summary>
public sealed record AddInvoice(Guid? InvoiceId, Guid ContractId, InvoiceInput Input);

/// <summary>
/// The invoice commands (SAL-7). The invoiceable rule spans the contract's invoices: each request or edit decides on the sum of
/// the others read from crm.invoices, then — inside the append's transaction, under an advisory lock on the contract —
/// reads that sum again; when another invoice of the contract committed meanwhile the whole cycle runs again on the new sum, so
/// two requests racing for the last of a contract cannot both pass.
/// </summary>
public sealed class InvoiceHandler(CommandHandler handler, EventStore.EventStore store, InvoiceQueries invoices, ContractVersions contracts,
    TimeProvider clock)
{
    public async Task<CommandOutcome> AddAsync(AddInvoice command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.InvoiceId ?? Guid.CreateVersion7();
        var seen = 0m;
        return await handler.CreateAsync(Invoice.Decider, id, async (state, t) =>
        {
            var (contract, refusal) = await ContractAsync(command.ContractId, caller, t);
            if (refusal is not null) return refusal;
            seen = await invoices.InvoicedAsync(command.ContractId, id, t);
            return Invoice.Decide(new RequestInvoice(id, contract!, command.Input, seen, caller.ActorId), state, Context(request));
        }, request, InvoicedStillHolds(command.ContractId, id, () => seen), command.InvoiceId is null, ct);
    }

    public async Task<CommandOutcome> EditAsync(Guid id, InvoiceInput input, Caller caller, CommandRequest request, CancellationToken ct)
    {
        // An invoice never changes contract: its row names the contract to lock (no row: the decider answers 404).
        var contractId = (await invoices.GetAsync(id, ct))?.ContractId;
        var seen = 0m;
        var seenContract = 0L;
        return await Checked(id, "invoice.edit", caller, request, async (s, t) =>
        {
            var (contract, version) = await ContractStateAsync(s.ContractId, t);
            seenContract = version;
            seen = await invoices.InvoicedAsync(s.ContractId, id, t);
            return Invoice.Decide(new EditInvoice(id, input, contract.Amount.Amount, seen, contract.Status), s, Context(request));
        }, ct, contractId is { } c ? InvoicedStillHolds(c, id, () => seen, () => seenContract) : null);
    }

    /// <summary>Issue an approved invoice while its contract is still approved (a void racing the issue: one of them waits for the other).</summary>
    public Task<CommandOutcome> IssueAsync(Guid id, string? invoiceNumber, string? issuedOn, Caller caller, CommandRequest request, CancellationToken ct)
    {
        // The guard runs after the decision, so it checks the contract the decision read (no lock to name up front).
        var (seenContractId, seenContract) = (Guid.Empty, 0L);
        return Checked(id, "invoice.edit", caller, request, async (s, t) =>
        {
            var (contract, version) = await ContractStateAsync(s.ContractId, t);
            (seenContractId, seenContract) = (s.ContractId, version);
            return Invoice.Decide(new IssueInvoice(id, invoiceNumber, issuedOn, contract.Status), s, Context(request));
        }, ct, new AppendGuard([], async (connection, tx, t) =>
            await contracts.VersionForShareAsync(seenContractId, connection, tx, t) == seenContract));
    }

    public Task<CommandOutcome> DeleteAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, "invoice.delete", caller, request, (s, _) => ValueTask.FromResult(Invoice.Decide(new DeleteInvoice(id), s, Context(request))), ct);

    /// <summary>The contract as its stream has it, when the caller reaches it for invoice.create; else the refusal (404 contract_not_found).</summary>
    private async Task<(ContractForInvoice? Contract, DomainError? Refusal)> ContractAsync(Guid contractId, Caller caller, CancellationToken ct)
    {
        var (state, _) = await ContractStateAsync(contractId, ct);
        if (ContractReach.Check(contractId, state, caller, "invoice.create", TeamNeed.ReadWrite) is { } refusal) return (null, refusal);
        return (new ContractForInvoice(state.Id, state.CustomerId, state.OwnerId, state.Status, state.Amount), null);
    }

    private async Task<(ContractState State, long Version)> ContractStateAsync(Guid contractId, CancellationToken ct) =>
        await store.AggregateStreamAsync(contractId, Contract.Decider.Initial, (s, e) => Contract.Decider.Evolve(s, e.Data), ct: ct)
        ?? (ContractState.None, 0);

    /// <summary>
    /// The contract's lock, then the sum of its other invoices read again in the append's transaction, and the contract's version
    /// (when given) read for share: both unchanged, or decide again.
    /// </summary>
    private AppendGuard InvoicedStillHolds(Guid contractId, Guid invoiceId, Func<decimal> seen, Func<long>? contractVersion = null) =>
        new([LockName(contractId)], async (connection, tx, t) => await invoices.InvoicedAsync(contractId, invoiceId, connection, tx, t) == seen()
            && (contractVersion is null || await contracts.VersionForShareAsync(contractId, connection, tx, t) == contractVersion()));

    /// <summary>The advisory lock every write that moves a contract's invoiced amount takes.</summary>
    public static string LockName(Guid contractId) => $"invoices-of-contract:{contractId}";

    private Task<CommandOutcome> Checked(Guid id, string permission, Caller caller, CommandRequest request,
        Func<InvoiceState, CancellationToken, ValueTask<Decision>> decide, CancellationToken ct, AppendGuard? guard = null) =>
        handler.HandleReachedAsync(Invoice.Decider, id, (state, _) => ValueTask.FromResult(InvoiceReach.Check(state, id, caller, permission)),
            decide, request, guard, ct);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
