using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Leads;

public static partial class LeadEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        const CommandHeaders both = CommandHeaders.IdempotencyKey | CommandHeaders.IfMatch;
        group.MapPost("/", CreateLead).WithName("CreateLead").RequirePermission("lead.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(LeadApiDocs.Create);
        group.MapPatch("/{id}", UpdateLead).WithName("UpdateLead").RequirePermission("lead.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(LeadApiDocs.Update);
        group.MapPost("/{id}/follow-ups", FollowUp).WithName("FollowUpLead").RequirePermission("lead.edit").AsCommand(both).Documented(LeadApiDocs.FollowUp);
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferLead").RequirePermission("lead.transfer").AsCommand(both).Documented(LeadApiDocs.Transfer);
        group.MapPost("/{id}/pool", PutInPool).WithName("PutLeadInPool").RequirePermission("lead.edit").AsCommand(both).Documented(LeadApiDocs.PutInPool);
        group.MapPost("/{id}/erase", Erase).WithName("EraseLeadPersonalData").RequirePermission("lead.erase").AsCommand(both).Documented(LeadApiDocs.Erase);
        group.MapPost("/pool/{id}/claim", Claim).WithName("ClaimLead").RequirePermission("lead.claim").AsCommand(both).Documented(LeadApiDocs.Claim);
    }

    /// <summary>Create a lead.</summary>
    private static async Task<Results<Created<LeadResponse>, ProblemHttpResult>> CreateLead(CreateLeadRequest body, [AsParameters] LeadServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddLead(body.Id, body.Input(), body.OwnerId, body.CreateAnyway == true);
        var outcome = await s.Handler.CreateAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/leads/{outcome.StreamId}", LeadResponse.From(await Written(outcome, s)));
    }

    /// <summary>Change a lead; only the fields sent change.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> UpdateLead(Guid id, UpdateLeadRequest body, [AsParameters] LeadServices s)
    {
        var outcome = await s.Handler.EditAsync(new EditLead(id, body.Input()), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await Written(outcome, s)));
    }

    /// <summary>Record a follow-up.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Created<LeadFollowUpResponse>, ProblemHttpResult>> FollowUp(
        Guid id, LeadFollowUpRequest body, [AsParameters] LeadServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddLeadFollowUp(id, body.Id, body.Kind, body.Content, body.NextContactAt);
        var outcome = await s.Handler.FollowUpAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        await Written(outcome, s);
        // The follow-up is the event at the written version: the one just written, or on a replay the first call's.
        var written = (await s.Http.ReadBackAsync(t => s.Store.ReadStreamAsync(id, outcome.Version, fromVersion: outcome.Version, ct: t), s.Ct)).Single();
        var e = (Events.Leads.LeadFollowedUp)written.Data;
        var response = new LeadFollowUpResponse(e.FollowUpId, id, e.Kind, e.Content, e.NextContactAt, written.Timestamp, written.Metadata.ActorId);
        return TypedResults.Created($"/api/leads/{id}/follow-ups", response);
    }

    /// <summary>Transfer a lead.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> Transfer(Guid id, TransferLeadRequest body, [AsParameters] LeadServices s)
    {
        var outcome = await s.Handler.TransferAsync(new TransferLead(id, body.OwnerId ?? Guid.Empty), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await Written(outcome, s)));
    }

    /// <summary>Put a lead into the pool.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> PutInPool(Guid id, PutLeadInPoolRequest? body, [AsParameters] LeadServices s)
    {
        var outcome = await s.Handler.PutInPoolAsync(new PutLeadInPool(id, body?.Reason), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await Written(outcome, s)));
    }

    /// <summary>Claim a pool lead.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> Claim(Guid id, [AsParameters] LeadServices s)
    {
        var outcome = await s.Handler.ClaimAsync(new ClaimLead(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await Written(outcome, s)));
    }

    /// <summary>Erase a lead's personal data.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> Erase(Guid id, ErasePersonalDataRequest body, [AsParameters] LeadServices s)
    {
        var outcome = await s.Handler.EraseAsync(new EraseLead(id, body.Reason), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await Written(outcome, s)));
    }

    /// <summary>The lead as the command left it (read at the version it wrote), with its ETag.</summary>
    internal static Task<Projections.Leads.LeadRow> Written(CommandOutcome outcome, LeadServices s) =>
        s.Http.WrittenAsync(outcome, "Lead", (id, version, t) => AsOfAsync(id, version, null, s.Store, t), r => r.Version, s.Ct);
}
