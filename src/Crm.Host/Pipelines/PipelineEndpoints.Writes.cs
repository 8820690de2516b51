using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Pipelines;
using Crm.Write;
using Crm.Write.Pipelines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Pipelines;

public static partial class PipelineEndpoints
{
    /// <summary>Create a pipeline.</summary>
    private static async Task<Results<Created<PipelineResponse>, ProblemHttpResult>> Create(CreatePipelineRequest body, [AsParameters] PipelineServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddPipeline(body.Id, body.Name, body.Stages?.Select(st => st.ToInput()).ToList(), body.IsDefault == true);
        var outcome = await s.Handler.CreateAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/pipelines/{row.Id}", PipelineResponse.From(row));
    }

    /// <summary>Rename a pipeline or replace its stages; only what is sent changes.</summary>
    /// <param name="id">The pipeline's id.</param>
    private static async Task<Results<Ok<PipelineResponse>, ProblemHttpResult>> Update(Guid id, UpdatePipelineRequest body, [AsParameters] PipelineServices s)
    {
        var command = new ChangePipeline(id, body.Name, body.Stages?.Select(st => st.ToInput()).ToList());
        var outcome = await s.Handler.EditAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(PipelineResponse.From(await Written(outcome, s)));
    }

    /// <summary>Make a pipeline the default one.</summary>
    /// <param name="id">The pipeline's id.</param>
    private static async Task<Results<Ok<PipelineResponse>, ProblemHttpResult>> MakeDefault(Guid id, [AsParameters] PipelineServices s)
    {
        var outcome = await s.Handler.MakeDefaultAsync(new ChooseDefaultPipeline(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(PipelineResponse.From(await Written(outcome, s)));
    }

    /// <summary>Delete a pipeline.</summary>
    /// <param name="id">The pipeline's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] PipelineServices s)
    {
        var outcome = await s.Handler.DeleteAsync(new RemovePipeline(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.NoContent();
    }

    /// <summary>The pipeline as the command left it (folded from its stream at the version written), with its ETag.</summary>
    private static Task<PipelineRow> Written(CommandOutcome outcome, PipelineServices s) =>
        s.Http.WrittenAsync(outcome, "Pipeline",
            (id, version, t) => s.Store.ReadAsOfAsync<PipelineRow>(id, version, null, PipelineRow.Evolve, t),
            r => r.Version, s.Ct);
}
