using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.Opportunities;
using Crm.Write.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Opportunities;

// The related lists of an opportunity (follow-ups, team) and of a customer (its opportunities).
public static partial class OpportunityEndpoints
{
    /// <summary>A customer's opportunities (the customer must be visible to you), newest change first.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<OpportunityListResponse>, ProblemHttpResult>> OfCustomer(Guid id, int? limit, string? cursor,
        [AsParameters] OpportunityServices s)
    {
        var (_, hidden) = await s.Customers.CheckAsync(id, s.Caller, "customer.detail", TeamNeed.Read, s.Ct);
        if (hidden is not null) return hidden.ToProblem();
        return await ListAsync(Conditions(("customerId", id)), limit, cursor, null, null, false, s,
            Write.Settings.SystemSettings.RelatedListPageSize);
    }

    /// <summary>An opportunity's follow-ups, newest first.</summary>
    /// <param name="id">The opportunity's id.</param>
    /// <param name="limit">Page size; default and cap: the relatedListPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<FollowUpListResponse>, ProblemHttpResult>> FollowUps(Guid id, int? limit, string? cursor,
        [AsParameters] OpportunityServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (bad is not null) return bad;
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "opportunity.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        var page = await s.FollowUps.OfRecordAsync(id, size, cursor, s.Ct);
        return TypedResults.Ok(new FollowUpListResponse(page.Items.Select(FollowUpResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>An opportunity's team.</summary>
    /// <param name="id">The opportunity's id.</param>
    private static async Task<Results<Ok<IReadOnlyList<OpportunityTeamMember>>, ProblemHttpResult>> Team(Guid id, [AsParameters] OpportunityServices s)
    {
        var (_, refusal) = await s.Reach.CheckAsync(id, s.Caller, "opportunity.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(await s.Opportunities.TeamAsync(id, s.Ct));
    }
}
