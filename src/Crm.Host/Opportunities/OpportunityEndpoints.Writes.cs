using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Opportunities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Opportunities;

public static partial class OpportunityEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        group.MapPost("/", Create).WithName("CreateOpportunity").RequirePermission("opportunity.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(OpportunityApiDocs.Create);
        group.MapPatch("/{id}", Update).WithName("UpdateOpportunity").RequirePermission("opportunity.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(OpportunityApiDocs.Update);
        group.MapPut("/{id}/lines", PutLines).WithName("PutOpportunityLines").RequirePermission("opportunity.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(OpportunityApiDocs.PutLines);
        group.MapDelete("/{id}", Delete).WithName("DeleteOpportunity").RequirePermission("opportunity.delete")
            .AsCommand(CommandHeaders.IfMatch).Documented(OpportunityApiDocs.Delete);
        group.MapPost("/{id}/follow-ups", AddFollowUp).WithName("AddOpportunityFollowUp").RequirePermission("opportunity.edit")
            .AsCommand(Both).Documented(OpportunityApiDocs.AddFollowUp);
        group.MapPost("/{id}/team", AddTeamMember).WithName("AddOpportunityTeamMember").RequirePermission("opportunity.team")
            .AsCommand(CommandHeaders.IfMatch).Documented(OpportunityApiDocs.AddTeamMember);
        group.MapPut("/{id}/team/{userId}", ChangeTeamMember).WithName("ChangeOpportunityTeamMember").RequirePermission("opportunity.team")
            .AsCommand(CommandHeaders.IfMatch).Documented(OpportunityApiDocs.ChangeTeamMember);
        group.MapDelete("/{id}/team/{userId}", RemoveTeamMember).WithName("RemoveOpportunityTeamMember").RequirePermission("opportunity.team")
            .AsCommand(CommandHeaders.IfMatch).Documented(OpportunityApiDocs.RemoveTeamMember);
    }

    /// <summary>Create an opportunity.</summary>
    private static async Task<Results<Created<OpportunityResponse>, ProblemHttpResult>> Create(CreateOpportunityRequest body,
        [AsParameters] OpportunityServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (body.CustomerId is null || body.CustomerId == Guid.Empty)
            return DomainProblems.Invalid("customerId", "customer_required", "customerId names the opportunity's customer.");
        var outcome = await s.Handler.AddAsync(body.Command(), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var written = await Written(s, outcome);
        return TypedResults.Created($"/api/opportunities/{written.Id}", written);
    }

    /// <summary>Change an opportunity's fields or amount; only the fields sent change.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Update(Guid id, UpdateOpportunityRequest body,
        [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.EditAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Replace an opportunity's product lines.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> PutLines(Guid id, OpportunityLinesRequest body,
        [AsParameters] OpportunityServices s)
    {
        if (body.Lines is null) return DomainProblems.Invalid("lines", "lines_required", "lines lists every line (an empty list removes them all).");
        var command = new PutOpportunityLines(id, OpportunityLineRequest.Lines(body.Lines));
        return await Answer(s, await s.Handler.PutLinesAsync(command, s.Caller, s.Http.Command(), s.Ct));
    }

    /// <summary>Delete an opportunity.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] OpportunityServices s)
    {
        var outcome = await s.Handler.DeleteAsync(id, s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Record a follow-up on an opportunity (listed under its customer too).</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Created<OpportunityResponse>, ProblemHttpResult>> AddFollowUp(Guid id, FollowUpRequest body,
        [AsParameters] OpportunityServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddOpportunityFollowUp(id, body.Id, body.Kind, body.Content, body.NextContactAt);
        var outcome = await s.Handler.FollowUpAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/opportunities/{id}/follow-ups", await Written(s, outcome));
    }

    /// <summary>Add a colleague to the opportunity's team.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> AddTeamMember(Guid id, TeamMemberRequest body,
        [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.AddTeamMemberAsync(new(id, body.UserId ?? Guid.Empty, body.Access), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Change a team member's access.</summary>
    /// <param name="id">The opportunity's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> ChangeTeamMember(Guid id, Guid userId, TeamMemberRequest body,
        [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.ChangeTeamMemberAsync(new(id, userId, body.Access), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Remove a colleague from the team.</summary>
    /// <param name="id">The opportunity's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> RemoveTeamMember(Guid id, Guid userId,
        [AsParameters] OpportunityServices s) =>
        await Answer(s, await s.Handler.RemoveTeamMemberAsync(new(id, userId), s.Caller, s.Http.Command(), s.Ct));

    private static async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> Answer(OpportunityServices s, CommandOutcome outcome) =>
        outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await Written(s, outcome));

    /// <summary>The opportunity exactly as the command left it (folded to that version, with its lines), with its team now and its ETag.</summary>
    private static async Task<OpportunityResponse> Written(OpportunityServices s, CommandOutcome outcome)
    {
        var row = await s.Http.WrittenAsync(outcome, "Opportunity", (id, version, t) => s.Opportunities.GetAsOfAsync(id, version, null, t),
            r => r.Version, s.Ct);
        return OpportunityResponse.From(row, null, await s.Http.ReadBackAsync(t => s.Opportunities.TeamAsync(row.Id, t), s.Ct));
    }
}
