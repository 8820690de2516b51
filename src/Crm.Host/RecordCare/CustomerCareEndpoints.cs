using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Write.Access;
using Crm.Write.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.RecordCare;

/// <summary>
/// Record care of customers (SET-4) beside /api/customers: merge a duplicate, find duplicates, restore an earlier version, archive and
/// unarchive, the clean-up's candidates. Each endpoint parses, calls <see cref="CustomerCareHandler"/> or the queries after the access
/// policy, and maps the answer.
/// </summary>
public static class CustomerCareEndpoints
{
    public const int MaxUntouchedMonths = 120;

    public static RouteGroupBuilder MapCustomerCareApi(this IEndpointRouteBuilder app)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();
        group.MapPost("/merge", Merge).WithName("MergeCustomers").RequirePermission(CustomerCareHandler.MergePermission)
            .AsCommand(Both).Documented(RecordCareApiDocs.Merge);
        group.MapGet("/{id}/duplicates", Duplicates).WithName("ListCustomerDuplicates").RequirePermission("customer.detail")
            .Documented(RecordCareApiDocs.Duplicates);
        group.MapGet("/{id}/care", Care).WithName("GetCustomerCare").RequirePermission("customer.detail").Documented(RecordCareApiDocs.Care);
        group.MapPost("/{id}/restore", Restore).WithName("RestoreCustomer").RequirePermission("customer.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(RecordCareApiDocs.Restore);
        group.MapPost("/{id}/archive", Archive).WithName("ArchiveCustomer").RequirePermission(CustomerCareHandler.ArchivePermission)
            .AsCommand(CommandHeaders.IfMatch).Documented(RecordCareApiDocs.Archive);
        group.MapPost("/{id}/unarchive", Unarchive).WithName("UnarchiveCustomer").RequirePermission(CustomerCareHandler.ArchivePermission)
            .AsCommand(CommandHeaders.IfMatch).Documented(RecordCareApiDocs.Unarchive);
        group.MapPost("/archive", BulkArchive).WithName("ArchiveCustomers").RequirePermission(CustomerCareHandler.ArchivePermission)
            .AsCommand().Documented(RecordCareApiDocs.BulkArchive);
        group.MapGet("/archive-candidates", Candidates).WithName("ListCustomerArchiveCandidates")
            .RequirePermission(CustomerCareHandler.ArchivePermission).Documented(RecordCareApiDocs.Candidates);
        return group;
    }

    /// <summary>Merge a duplicate customer into another.</summary>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Merge(MergeCustomersRequest body, [AsParameters] CustomerCareServices s)
    {
        if (body.SurvivorId is not { } survivor || survivor == Guid.Empty)
            return DomainProblems.Invalid("survivorId", "survivor_required", "survivorId names the customer that stays.");
        if (body.MergedId is not { } merged || merged == Guid.Empty)
            return DomainProblems.Invalid("mergedId", "merged_required", "mergedId names the duplicate to merge into the survivor.");
        var outcome = await s.Handler.MergeAsync(new MergeCustomers(survivor, merged), s.Caller, s.Http.Command(), s.Ct);
        return await CustomerEndpoints.Answer(s.Http, outcome, s.Customers, s.Ct);
    }

    /// <summary>Leads and customers that look like this customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<DuplicateListResponse>, ProblemHttpResult>> Duplicates(Guid id, [AsParameters] CustomerCareServices s)
    {
        var (row, refusal) = await s.Reach.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var matches = await s.Duplicates.FindAsync(row!.Fields.Name, row.Fields.Phone, row.Fields.Email, s.Ct);
        var merged = await s.Care.MergedAsync([.. matches.Select(m => m.Id)], s.Ct);
        var candidates = matches.Where(m => m.Id != id && !merged.Contains(m.Id)).Select(m => new DuplicateCandidate(m.Kind, m.Id, m.Name, m.MatchedOn));
        return TypedResults.Ok(new DuplicateListResponse(await s.Masking.MaskAsync(candidates, s.Caller, s.Ct)));
    }

    /// <summary>Whether a customer is archived or merged.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerCareResponse>, ProblemHttpResult>> Care(Guid id, [AsParameters] CustomerCareServices s)
    {
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var care = await s.Care.GetAsync(id, s.Ct);
        return TypedResults.Ok(new CustomerCareResponse(id, care?.ArchivedAt, care?.Reason, care?.MergedInto, care?.MergedAt));
    }

    /// <summary>Put a customer's fields back to an earlier version.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Restore(Guid id, RestoreRequest body, [AsParameters] CustomerCareServices s)
    {
        if (body.Version is not { } version) return DomainProblems.Invalid("version", "version_required", "version names the version to restore.");
        return await CustomerEndpoints.Answer(s.Http, await s.Handler.RestoreAsync(new RestoreCustomer(id, version), s.Caller, s.Http.Command(), s.Ct),
            s.Customers, s.Ct);
    }

    /// <summary>Archive a customer.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Archive(Guid id, ArchiveRequest? body, [AsParameters] CustomerCareServices s) =>
        await CustomerEndpoints.Answer(s.Http, await s.Handler.ArchiveAsync(id, body?.Reason, s.Caller, s.Http.Command(), s.Ct), s.Customers, s.Ct);

    /// <summary>Bring an archived customer back into lists.</summary>
    /// <param name="id">The customer's id.</param>
    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Unarchive(Guid id, [AsParameters] CustomerCareServices s) =>
        await CustomerEndpoints.Answer(s.Http, await s.Handler.UnarchiveAsync(id, s.Caller, s.Http.Command(), s.Ct), s.Customers, s.Ct);

    /// <summary>Archive several customers; answers per item.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkArchive(BulkArchiveRequest body, [AsParameters] CustomerCareServices s)
    {
        if (body.Ids is not { Count: > 0 and <= CustomerEndpoints.MaxBulk } ids)
            return DomainProblems.Invalid("ids", "ids_out_of_range", $"ids lists 1 to {CustomerEndpoints.MaxBulk} customers.");
        if (body.Reason is { Length: > Customer.MaxReason })
            return DomainProblems.Invalid("reason", "reason_too_long", $"reason has at most {Customer.MaxReason} characters.");
        var outcomes = await s.Handler.ArchiveManyAsync(new ArchiveCustomers(ids, body.Reason), s.Caller, s.Http.Command(), s.Ct);
        return TypedResults.Ok(BulkResponse.Of(outcomes.Select(o => CustomerEndpoints.Item(o.StreamId, o)).ToList()));
    }

    /// <summary>Customers in your scope nobody changed for a number of months.</summary>
    /// <param name="untouchedMonths">Unchanged for at least this many months (1 to 120).</param>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<ArchiveCandidatesResponse>, ProblemHttpResult>> Candidates(
        int? untouchedMonths, int? limit, string? cursor, [AsParameters] CustomerCareServices s)
    {
        if (untouchedMonths is not { } months || months is < 1 or > MaxUntouchedMonths)
            return DomainProblems.Invalid("untouchedMonths", "untouched_months_out_of_range", $"untouchedMonths is 1 to {MaxUntouchedMonths}.");
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var before = s.Clock.GetUtcNow().AddMonths(-months);
        var page = await s.Care.ArchiveCandidatesAsync(s.Caller.VisibleOwners(CustomerCareHandler.ArchivePermission).ForQuery(), s.Caller.ActorId, before,
            size, cursor, s.Ct);
        return TypedResults.Ok(new ArchiveCandidatesResponse(page.Items.Select(r => CustomerResponse.From(r)).ToList(), page.NextCursor, before));
    }
}
