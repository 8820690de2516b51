using Crm.Host.Platform;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.DataSync;

/// <summary>What every batch item of every kind says besides its fields: create or update, which record, at which version.</summary>
public interface IBatchItem
{
    string? Action { get; }

    Guid? Id { get; }

    long? Version { get; }
}

/// <summary>
/// POST /api/{kind}/batch: each item checked on its own and run through the kind's own create or edit (its own stream append, its
/// own transaction), in request order; the answer is the bulk actions' shape (<see cref="BulkResponse"/>), each failure naming
/// items[i].field. With Idempotency-Key, item i runs under the key "&lt;key&gt;#i": a retry replays what succeeded and tries again
/// what failed.
/// </summary>
public static class BatchWrites
{
    public const int MaxItems = 500;
    public const string Create = "create";
    public const string Update = "update";

    public static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> RunAsync<TItem>(IReadOnlyList<TItem>? items, HttpContext http,
        Func<TItem, CommandRequest, Task<CommandOutcome>> create, Func<TItem, Guid, CommandRequest, Task<CommandOutcome>> update)
        where TItem : IBatchItem
    {
        if (items is not { Count: > 0 and <= MaxItems }) return DomainProblems.Invalid("items", "items_out_of_range", $"items lists 1 to {MaxItems} records.");
        var request = http.Command();
        var results = new List<BulkItemResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemRequest = request with { IdempotencyKey = request.IdempotencyKey is { } key ? $"{key}#{i}" : null, ExpectedVersion = item.Version };
            var id = item.Id ?? Guid.Empty;
            if (Fault(item) is { } fault) results.Add(Refused(id, i, fault));
            else if (item.Action == Create) results.Add(Result(i, await create(item, itemRequest), StatusCodes.Status201Created));
            else results.Add(Result(i, await update(item, id, itemRequest), StatusCodes.Status200OK));
        }
        return TypedResults.Ok(BulkResponse.Of(results));
    }

    /// <summary>What is wrong with an item before its kind's rules look at it, or null.</summary>
    private static DomainError? Fault(IBatchItem item) => item switch
    {
        { Action: not (Create or Update) } => DomainError.Invalid("action", "batch_action_invalid", "action is create or update."),
        { Id: { } id } when id == Guid.Empty => DomainError.Invalid("id", "id_invalid", "An id cannot be the empty UUID."),
        { Action: Create, Version: not null } => DomainError.Invalid("version", "version_not_allowed", "A create has no version to match."),
        { Action: Update, Id: null } => DomainError.Invalid("id", "id_required", "An update names the record's id."),
        { Version: < 1 } => DomainError.Invalid("version", "version_out_of_range", "Versions start at 1."),
        _ => null,
    };

    private static BulkItemResult Result(int index, CommandOutcome outcome, int status) => outcome.Error is { } error
        ? Refused(outcome.StreamId, index, error)
        : new BulkItemResult(outcome.StreamId, true, status, outcome.Version, null, null, null, null);

    /// <summary>The item's failure, its field named inside the request (items[2].name; items[2] when the rule names no field).</summary>
    private static BulkItemResult Refused(Guid id, int index, DomainError error)
    {
        var field = error.Field ?? error.Errors.FirstOrDefault()?.Field;
        return BulkItemResult.Refused(id, error) with { Field = field is null ? $"items[{index}]" : $"items[{index}].{field}" };
    }
}
