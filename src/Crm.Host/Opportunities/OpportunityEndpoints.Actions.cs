using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write.Opportunities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Opportunities;

// The business actions: stage moves, win, lose, reopen, transfer (one, or several at once).
public static partial class OpportunityEndpoints
{
    private static void MapActions(RouteGroupBuilder group)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        group.MapPost("/{id}/advance", Advance).WithName("AdvanceOpportunity").RequirePermission("opportunity.advance")
            .AsCommand(Both).Documented(OpportunityApiDocs.Advance);
        group.MapPost("/{id}/win", Win).WithName("WinOpportunity").RequirePermission("opportunity.advance")
            .AsCommand(Both).Documented(OpportunityApiDocs.Win);
        group.MapPost("/{id}/lose", Lose).WithName("LoseOpportunity").RequirePermission("opportunity.advance")
            .AsCommand(Both).Documented(OpportunityApiDocs.Lose);
        group.MapPost("/{id}/reopen", Reopen).WithName("ReopenOpportunity").RequirePermission("opportunity.advance")
            .AsCommand(Both).Documented(OpportunityApiDocs.Reopen);
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferOpportunity").RequirePermission("opportunity.transfer")
            .AsCommand(Both).Documented(OpportunityApiDocs.Transfer);
        group.MapPost("/transfer", BulkTransfer).WithName("TransferOpportunities").RequirePermission("opportunity.transfer")
            .AsCommand().Documented(OpportunityApiDocs.BulkTransfer);
    }

    /// <summary>Move an opportunity to another open stage of its pipeline.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Advance(Guid id, AdvanceOpportunityRequest body,
        [AsParameters] OpportunityServices s)
    {
        if (body.StageId is not { } stageId) return DomainProblems.Invalid("stageId", "stage_required", "stageId names the stage to move to.");
        return await Answer(s, await s.Handler.AdvanceAsync(id, stageId, s.Caller, s.Http.Command(), s.Ct));
    }

    /// <summary>Win an opportunity: it closes at its pipeline's won stage.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Win(Guid id, [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.WinAsync(id, s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Lose an opportunity, for a reason: it closes at its pipeline's lost stage.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Lose(Guid id, LoseOpportunityRequest body,
        [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.LoseAsync(id, body.Reason, s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Reopen a won or lost opportunity at an open stage.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Reopen(Guid id, ReopenOpportunityRequest? body,
        [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.ReopenAsync(id, body?.StageId, s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Transfer an opportunity to another owner.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Transfer(Guid id, OpportunityTransferRequest body,
        [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.TransferAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Transfer several opportunities; answers per item.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkTransfer(BulkOpportunityTransferRequest body,
        [AsParameters] OpportunityServices s)
    {
        if (body.Ids is not { Count: > 0 and <= MaxBulk } ids)
            return DomainProblems.Invalid("ids", "ids_out_of_range", $"ids lists 1 to {MaxBulk} opportunities.");
        var options = new OpportunityTransferRequest(body.ToUserId, body.KeepPreviousOwnerAs).Command(Guid.Empty);
        var (refusal, outcomes) = await s.Handler.TransferManyAsync(new TransferOpportunities(ids, options), s.Caller, s.Http.Command(), s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(BulkResponse.Of(outcomes.Select(o => o.Error is { } e ? BulkItemResult.Refused(o.StreamId, e)
            : BulkItemResult.Done(o.StreamId, o.Version)).ToList()));
    }
}
