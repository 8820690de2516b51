using Crm.Write;

namespace Crm.Host.Platform;

/// <summary>
/// One id's outcome in a bulk action (customers, pool, leads: the same shape everywhere). status is the HTTP status
/// the single call would have answered; code, message and field say why it failed.
/// </summary>
/// <param name="Version">The record's version after the action; null when it failed.</param>
/// <param name="Field">The request field the failure names, if any.</param>
/// <param name="CustomerId">The customer a lead conversion made; null for other actions and failures.</param>
public sealed record BulkItemResult(
    Guid Id, bool Succeeded, int Status, long? Version, string? Code, string? Message, string? Field, Guid? CustomerId)
{
    public static BulkItemResult Done(Guid id, long? version, Guid? customerId = null) =>
        new(id, true, StatusCodes.Status200OK, version, null, null, null, customerId);

    public static BulkItemResult Refused(Guid id, DomainError error) =>
        new(id, false, DomainProblems.StatusOf(error.Kind), null, error.Code, error.Message, error.Field, null);

    /// <summary>An id the caller cannot see answers like a missing one: 404, whatever the reason.</summary>
    public static BulkItemResult NotFound(Guid id, string code, string message) =>
        new(id, false, StatusCodes.Status404NotFound, null, code, message, null, null);
}

/// <summary>A bulk action's answer: how many succeeded and failed, then each id's outcome in request order.</summary>
public sealed record BulkResponse(int Succeeded, int Failed, IReadOnlyList<BulkItemResult> Items)
{
    public static BulkResponse Of(IReadOnlyList<BulkItemResult> items) => new(items.Count(i => i.Succeeded), items.Count(i => !i.Succeeded), items);
}
