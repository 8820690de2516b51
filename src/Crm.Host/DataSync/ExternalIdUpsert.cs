using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.DataSync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.DataSync;

/// <summary>PUT /api/{kind}/by-external-id/{system}/{externalId}: the key parsed, the upsert run, 201 with Location when it created, else 200.</summary>
public static class ExternalIdUpsert
{
    public static async Task<Results<Created<T>, Ok<T>, ProblemHttpResult>> RunAsync<T>(string kind, string system, string externalId, string path,
        HttpContext http, ExternalIdUpserts upserts, Func<CommandRequest, Task<CommandOutcome>> create, Func<Guid, CommandRequest, Task<CommandOutcome>> update,
        Func<CommandOutcome, Task<T>> written)
    {
        var (key, bad) = ExternalKey.Parse(kind, system, externalId);
        if (bad is not null) return bad.ToProblem();
        var (outcome, created) = await upserts.UpsertAsync(key!, http.Command(), create, update, http.RequestAborted);
        if (outcome.Error is { } error) return error.ToProblem();
        var body = await written(outcome);
        return created ? TypedResults.Created($"/api/{path}/{outcome.StreamId}", body) : TypedResults.Ok(body);
    }
}
