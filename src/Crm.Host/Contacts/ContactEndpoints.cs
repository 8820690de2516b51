using System.Text.Json;
using Crm.Host.Customers;
using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Customers;
using Crm.Write.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Contacts;

/// <summary>
/// /api/contacts (CUS-8): a customer's people. Each endpoint parses, calls the contact handler (writes) or the
/// contact queries after the access policy (reads), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static partial class ContactEndpoints
{
    public static RouteGroupBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateContact").RequirePermission("contact.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(ContactApiDocs.Create);
        group.MapGet("/", List).WithName("ListContacts").RequirePermission("contact.list").Documented(ContactApiDocs.List);
        group.MapPost("/search", Search).WithName("SearchContacts").RequirePermission("contact.list").Documented(ContactApiDocs.Search);
        group.MapGet("/{id}", Get).WithName("GetContact").RequirePermission("contact.detail").Documented(ContactApiDocs.Get);
        group.MapPatch("/{id}", Update).WithName("UpdateContact").RequirePermission("contact.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContactApiDocs.Update);
        group.MapGet("/{id}/history", History).WithName("GetContactHistory").RequirePermission("contact.detail").Documented(ContactApiDocs.History);
        group.MapPost("/{id}/follow-ups", AddFollowUp).WithName("AddContactFollowUp").RequirePermission("contact.edit")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(ContactApiDocs.AddFollowUp);
        group.MapGet("/{id}/follow-ups", ListFollowUps).WithName("ListContactFollowUps").RequirePermission("contact.detail")
            .Documented(ContactApiDocs.ListFollowUps);
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferContact").RequirePermission("contact.transfer")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContactApiDocs.Transfer);
        group.MapPost("/{id}/erase", Erase).WithName("EraseContactPersonalData").RequirePermission("contact.erase")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(ContactApiDocs.Erase);
        return group;
    }

    /// <summary>List contacts in scope, or one customer's contacts.</summary>
    /// <param name="customerId">Only this customer's contacts, by name.</param>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside name, phone and email.</param>
    private static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> List(
        Guid? customerId, int? limit, string? cursor, string? sort, string? q, CustomerReach customers, [AsParameters] ContactServices s)
    {
        if (customerId is not { } customer) return await ListAsync(null, limit, cursor, sort, q, s.Caller, s.Contacts, s.Settings, s.Ct);
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        if ((await customers.CheckAsync(customer, s.Caller, "contact.list", TeamNeed.Read, s.Ct)).Refusal is { } hidden) return hidden.ToProblem();
        var page = await s.Contacts.OfCustomerAsync(customer, size, cursor, s.Ct);
        return TypedResults.Ok(new ContactListResponse(page.Items.Select(ContactResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Search contacts with a filter tree.</summary>
    private static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> Search(ContactSearchRequest body, [AsParameters] ContactServices s) =>
        await ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, s.Caller, s.Contacts, s.Settings, s.Ct);

    /// <summary>The contact list, also what a contact scene shows.</summary>
    internal static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> ListAsync(
        JsonElement? filterJson, int? limit, string? cursor, string? sort, string? q, Caller caller, ContactQueries contacts, SettingsReader settings,
        CancellationToken ct)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, settings, ct);
        if (bad is not null) return bad;
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(filterJson, ContactFilterFields.All);
        if (badFilter is not null) return badFilter;
        var scope = caller.VisibleOwners("contact.list").ForQuery();
        var page = await contacts.ListAsync(new ContactListRequest(scope, caller.ActorId, size, cursor, order!, filter, search), ct);
        return TypedResults.Ok(new ContactListResponse(page.Items.Select(ContactResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Read a contact, now or as it was.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="version">Show it as it was at this version.</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> Get(
        Guid id, long? version, DateTimeOffset? asOf, [AsParameters] ContactServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, refusal) = await s.Reach.CheckAsync(id, s.Caller, "contact.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        if (version is not null || asOf is not null)
        {
            row = await s.Store.ReadAsOfAsync<ContactRow>(id, version, asOf, ContactRow.Evolve, s.Ct);
            if (row is null) return RecordAccess.NotFound(ContactReach.Kind, id).ToProblem();
        }
        s.Http.Response.SetETag(row!.Version);
        return TypedResults.Ok(ContactResponse.From(row));
    }

    /// <summary>A contact's operation log.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] ContactServices s)
    {
        if ((await s.Reach.CheckAsync(id, s.Caller, "contact.detail", TeamNeed.Read, s.Ct)).Refusal is { } hidden) return hidden.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new ContactHistoryResponse(id, ContactHistory.Of(events)));
    }

    /// <summary>A contact's follow-ups, newest first.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="limit">Page size; default and cap: relatedListPageSize.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<FollowUpListResponse>, ProblemHttpResult>> ListFollowUps(
        Guid id, int? limit, string? cursor, [AsParameters] ContactServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (bad is not null) return bad;
        if ((await s.Reach.CheckAsync(id, s.Caller, "contact.detail", TeamNeed.Read, s.Ct)).Refusal is { } hidden) return hidden.ToProblem();
        var page = await s.FollowUps.OfRecordAsync(id, size, cursor, s.Ct);
        return TypedResults.Ok(new FollowUpListResponse(page.Items.Select(FollowUpResponse.From).ToList(), page.NextCursor));
    }
}
