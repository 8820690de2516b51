using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Audit;

/// <summary>What every access-as-of endpoint takes besides the id and the moment ([AsParameters]).</summary>
public readonly record struct AccessAsOfServices(AccessAsOf Access, TimeProvider Clock, CancellationToken Ct);

/// <summary>
/// GET /api/{customers,leads,contacts,opportunities,contracts}/{id}/access?asOf=: who could read the record at that moment, and why,
/// from events alone (issue 15). Under audit.access, which no data scope narrows: the answer names people and their rights over
/// any record, so it is for administrators and auditors, as the global feed is.
/// </summary>
public static class AccessAsOfEndpoints
{
    private const string Permission = "audit.access";

    public static void MapAccessAsOfApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Audit").RequireAuthorization();
        group.MapGet("/customers/{id}/access", Customer).WithName("GetCustomerAccess").RequirePermission(Permission)
            .Documented(AccessAsOfApiDocs.For("customer"));
        group.MapGet("/leads/{id}/access", Lead).WithName("GetLeadAccess").RequirePermission(Permission).Documented(AccessAsOfApiDocs.For("lead"));
        group.MapGet("/contacts/{id}/access", Contact).WithName("GetContactAccess").RequirePermission(Permission)
            .Documented(AccessAsOfApiDocs.For("contact"));
        group.MapGet("/opportunities/{id}/access", Opportunity).WithName("GetOpportunityAccess").RequirePermission(Permission)
            .Documented(AccessAsOfApiDocs.For("opportunity"));
        group.MapGet("/contracts/{id}/access", Contract).WithName("GetContractAccess").RequirePermission(Permission)
            .Documented(AccessAsOfApiDocs.For("contract"));
    }

    /// <summary>Who could read a customer at a moment, and why.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="asOf">The moment, ISO 8601 with an offset (2026-03-01T00:00:00Z); default: now.</param>
    private static Task<Results<Ok<RecordAccessResponse>, ProblemHttpResult>> Customer(Guid id, DateTimeOffset? asOf,
        [AsParameters] AccessAsOfServices s) => GetAccess("customer", id, asOf, s);

    /// <summary>Who could read a lead at a moment, and why.</summary>
    /// <param name="id">The lead's id.</param>
    /// <param name="asOf">The moment, ISO 8601 with an offset (2026-03-01T00:00:00Z); default: now.</param>
    private static Task<Results<Ok<RecordAccessResponse>, ProblemHttpResult>> Lead(Guid id, DateTimeOffset? asOf,
        [AsParameters] AccessAsOfServices s) => GetAccess("lead", id, asOf, s);

    /// <summary>Who could read a contact at a moment, and why.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="asOf">The moment, ISO 8601 with an offset (2026-03-01T00:00:00Z); default: now.</param>
    private static Task<Results<Ok<RecordAccessResponse>, ProblemHttpResult>> Contact(Guid id, DateTimeOffset? asOf,
        [AsParameters] AccessAsOfServices s) => GetAccess("contact", id, asOf, s);

    /// <summary>Who could read an opportunity at a moment, and why.</summary>
    /// <param name="id">The opportunity's id.</param>
    /// <param name="asOf">The moment, ISO 8601 with an offset (2026-03-01T00:00:00Z); default: now.</param>
    private static Task<Results<Ok<RecordAccessResponse>, ProblemHttpResult>> Opportunity(Guid id, DateTimeOffset? asOf,
        [AsParameters] AccessAsOfServices s) => GetAccess("opportunity", id, asOf, s);

    /// <summary>Who could read a contract at a moment, and why.</summary>
    /// <param name="id">The contract's id.</param>
    /// <param name="asOf">The moment, ISO 8601 with an offset (2026-03-01T00:00:00Z); default: now.</param>
    private static Task<Results<Ok<RecordAccessResponse>, ProblemHttpResult>> Contract(Guid id, DateTimeOffset? asOf,
        [AsParameters] AccessAsOfServices s) => GetAccess("contract", id, asOf, s);

    private static async Task<Results<Ok<RecordAccessResponse>, ProblemHttpResult>> GetAccess(string kind, Guid id, DateTimeOffset? asOf,
        AccessAsOfServices s)
    {
        // The future is not in the log yet: a moment after now (a client's clock ahead of ours) is answered as now.
        var now = s.Clock.GetUtcNow();
        var moment = asOf is { } t && t < now ? t.ToUniversalTime() : now;
        var (answer, error) = await s.Access.AskAsync(kind, id, moment, s.Ct);
        return error is not null ? error.ToProblem() : TypedResults.Ok(RecordAccessResponse.From(answer!));
    }
}
