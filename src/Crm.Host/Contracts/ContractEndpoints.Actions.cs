using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Contracts;

// The business actions: void, transfer (one, or several at once). Submitting and approving belong to the approval engine.
public static partial class ContractEndpoints
{
    private static void MapActions(RouteGroupBuilder group)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        group.MapPost("/{id}/void", Void).WithName("VoidContract").RequirePermission("contract.edit")
            .AsCommand(Both).Documented(ContractApiDocs.Void);
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferContract").RequirePermission("contract.transfer")
            .AsCommand(Both).Documented(ContractApiDocs.Transfer);
        group.MapPost("/transfer", BulkTransfer).WithName("TransferContracts").RequirePermission("contract.transfer")
            .AsCommand().Documented(ContractApiDocs.BulkTransfer);
    }

    /// <summary>Void a contract, for a reason.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Void(Guid id, VoidContractRequest body, [AsParameters] ContractServices s) =>
        await Answer(s, await s.Handler.VoidAsync(new VoidContract(id, body.Reason), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Transfer a contract to another owner.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Transfer(Guid id, ContractTransferRequest body,
        [AsParameters] ContractServices s) =>
        await Answer(s, await s.Handler.TransferAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Transfer several contracts; answers per item.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkTransfer(BulkContractTransferRequest body, [AsParameters] ContractServices s)
    {
        if (body.Ids is not { Count: > 0 and <= MaxBulk } ids) return DomainProblems.Invalid("ids", "ids_out_of_range", $"ids lists 1 to {MaxBulk} contracts.");
        var options = new ContractTransferRequest(body.ToUserId, body.KeepPreviousOwnerAs).Command(Guid.Empty);
        var (refusal, outcomes) = await s.Handler.TransferManyAsync(new TransferContracts(ids, options), s.Caller, s.Http.Command(), s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(BulkResponse.Of(outcomes.Select(o => o.Error is { } e ? BulkItemResult.Refused(o.StreamId, e)
            : BulkItemResult.Done(o.StreamId, o.Version)).ToList()));
    }
}
