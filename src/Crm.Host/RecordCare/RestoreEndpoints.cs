using Crm.Host.Access;
using Crm.Host.Contacts;
using Crm.Host.Leads;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Contacts;
using Crm.Projections.Leads;
using Crm.Write;
using Crm.Write.RecordCare;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.RecordCare;

/// <summary>What the restore endpoints of contacts and leads take besides the request's own values ([AsParameters]).</summary>
public readonly record struct RestoreServices(HttpContext Http, CallerAccess Caller, RestoreHandler Handler, EventStore.EventStore Store, CancellationToken Ct);

/// <summary>POST /api/contacts/{id}/restore and /api/leads/{id}/restore (SET-4); customers have theirs in <see cref="CustomerCareEndpoints"/>.</summary>
public static class RestoreEndpoints
{
    public static IEndpointRouteBuilder MapRestores(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization()
            .MapPost("/{id}/restore", RestoreContact).WithName("RestoreContact").RequirePermission("contact.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(RecordCareApiDocs.RestoreContact);
        app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization()
            .MapPost("/{id}/restore", RestoreLead).WithName("RestoreLead").RequirePermission("lead.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(RecordCareApiDocs.RestoreLead);
        return app;
    }

    /// <summary>Put a contact's fields back to an earlier version.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> RestoreContact(Guid id, RestoreRequest body, [AsParameters] RestoreServices s)
    {
        if (body.Version is not { } version) return DomainProblems.Invalid("version", "version_required", "version names the version to restore.");
        var outcome = await s.Handler.RestoreContactAsync(new RestoreRecord(id, version), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(ContactResponse.From(await s.Http.WrittenAsync(outcome, "Contact",
            (key, at, t) => s.Store.ReadAsOfAsync<ContactRow>(key, at, null, ContactRow.Evolve, t), r => r.Version, s.Ct)));
    }

    /// <summary>Put a lead's fields back to an earlier version.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> RestoreLead(Guid id, RestoreRequest body, [AsParameters] RestoreServices s)
    {
        if (body.Version is not { } version) return DomainProblems.Invalid("version", "version_required", "version names the version to restore.");
        var outcome = await s.Handler.RestoreLeadAsync(new RestoreRecord(id, version), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(LeadResponse.From(await s.Http.WrittenAsync(outcome, "Lead",
            (key, at, t) => s.Store.ReadAsOfAsync<LeadRow>(key, at, null, LeadRow.Evolve, t), r => r.Version, s.Ct)));
    }
}
