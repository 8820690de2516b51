using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Opportunities;
using Crm.Host.Platform;
using Crm.Projections.Contracts;
using Crm.Write;
using Crm.Write.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Contracts;

// Writing a contract: create, change, lines, delete, and its team.
public static partial class ContractEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", Create).WithName("CreateContract").RequirePermission("contract.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(ContractApiDocs.Create);
        group.MapPatch("/{id}", Update).WithName("UpdateContract").RequirePermission("contract.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.Update);
        group.MapPut("/{id}/lines", PutLines).WithName("PutContractLines").RequirePermission("contract.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.PutLines);
        group.MapDelete("/{id}", Delete).WithName("DeleteContract").RequirePermission("contract.delete")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.Delete);
        group.MapPost("/{id}/team", AddTeamMember).WithName("AddContractTeamMember").RequirePermission("contract.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.AddTeamMember);
        group.MapPut("/{id}/team/{userId}", ChangeTeamMember).WithName("ChangeContractTeamMember").RequirePermission("contract.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.ChangeTeamMember);
        group.MapDelete("/{id}/team/{userId}", RemoveTeamMember).WithName("RemoveContractTeamMember").RequirePermission("contract.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.RemoveTeamMember);
    }

    /// <summary>Create a contract, as a draft.</summary>
    private static async Task<Results<Created<ContractResponse>, ProblemHttpResult>> Create(CreateContractRequest body, [AsParameters] ContractServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (body.CustomerId is null || body.CustomerId == Guid.Empty)
            return DomainProblems.Invalid("customerId", "customer_required", "customerId names the contract's customer.");
        if (body.OpportunityId == Guid.Empty) return DomainProblems.Invalid("opportunityId", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.AddAsync(body.Command(), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var written = await Written(s, outcome);
        return TypedResults.Created($"/api/contracts/{written.Id}", written);
    }

    /// <summary>Change a contract's fields or amount; only the fields sent change.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Update(Guid id, UpdateContractRequest body,
        [AsParameters] ContractServices s) =>
        await Answer(s, await s.Handler.EditAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Replace a contract's product lines.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> PutLines(Guid id, OpportunityLinesRequest body,
        [AsParameters] ContractServices s)
    {
        if (body.Lines is null) return DomainProblems.Invalid("lines", "lines_required", "lines lists every line (an empty list removes them all).");
        var command = new PutContractLines(id, OpportunityLineRequest.Lines(body.Lines));
        return await Answer(s, await s.Handler.PutLinesAsync(command, s.Caller, s.Http.Command(), s.Ct));
    }

    /// <summary>Delete a draft or rejected contract.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] ContractServices s)
    {
        var outcome = await s.Handler.DeleteAsync(id, s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Add a colleague to the contract's team.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> AddTeamMember(Guid id, TeamMemberRequest body,
        [AsParameters] ContractServices s) =>
        await Answer(s, await s.Handler.AddTeamMemberAsync(new(id, body.UserId ?? Guid.Empty, body.Access), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Change a team member's access.</summary>
    /// <param name="id">The contract's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> ChangeTeamMember(Guid id, Guid userId, TeamMemberRequest body,
        [AsParameters] ContractServices s) =>
        await Answer(s, await s.Handler.ChangeTeamMemberAsync(new(id, userId, body.Access), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Remove a colleague from the team.</summary>
    /// <param name="id">The contract's id.</param>
    /// <param name="userId">The team member.</param>
    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> RemoveTeamMember(Guid id, Guid userId, [AsParameters] ContractServices s) =>
        await Answer(s, await s.Handler.RemoveTeamMemberAsync(new(id, userId), s.Caller, s.Http.Command(), s.Ct));

    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Answer(ContractServices s, CommandOutcome outcome) =>
        outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await Written(s, outcome));

    /// <summary>The contract exactly as the command left it (folded to that version, with lines and plan), with its team now and its ETag.</summary>
    private static async Task<ContractResponse> Written(ContractServices s, CommandOutcome outcome)
    {
        var row = await s.Http.WrittenAsync(outcome, "Contract", (id, version, t) => s.Contracts.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct);
        return ContractResponse.From(row, null, await s.Http.ReadBackAsync(t => s.Contracts.TeamAsync(row.Id, t), s.Ct));
    }
}
