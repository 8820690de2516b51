using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Contacts;

/// <summary>/api/contacts (CUS-8): a customer's people. Visible when the owner is in the caller's scope, or the caller is on the customer's team.</summary>
public static class ContactEndpoints
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d40","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Wei","title":"Buyer","phone":"+86 138 0000 0001","email":"zhang.wei@acme.example","address":null,"remark":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","lastFollowUpAt":null,"nextContactAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
        """;

    public static RouteGroupBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateContact").RequirePermission("contact.create")
            .WithSummary("Create a contact under a customer")
            .WithDescription("customerId names a customer you can see and edit (else 422 naming customerId); a pool customer has no owner to give the contact (409 customer_in_pool). Invalid fields are all named (400). The contact's owner is the customer's owner. With Idempotency-Key, a retry answers the first response.")
            .WithExamples("""{"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Wei","title":"Buyer","phone":"+86 138 0000 0001"}""", Example, StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName("ListContacts").RequirePermission("contact.list")
            .WithSummary("List contacts in your data scope, or one customer's contacts")
            .WithDescription("Keyset paging (limit defaults to and is capped by listPageSize), sort updatedAt|createdAt|name with '-' for descending, q inside name/phone/email. With customerId: that customer's contacts by name (404 when you cannot see the customer).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: $$"""{"items":[{{Example}}],"nextCursor":null}""");
        group.MapPost("/search", Search).WithName("SearchContacts").RequirePermission("contact.list")
            .WithSummary("Search contacts with a JSON filter tree")
            .WithDescription("As POST /api/customers/search, over the contact fields (name, title, phone, email, address, remark, customerId, ownerId, createdAt, updatedAt, lastFollowUpAt, nextContactAt).")
            .ProducesValidationProblem()
            .WithExamples("""{"filter":{"field":"title","op":"contains","value":"buy"}}""", $$"""{"items":[{{Example}}],"nextCursor":null}""");
        group.MapGet("/{id}", Get).WithName("GetContact").RequirePermission("contact.detail")
            .WithSummary("Read a contact, now or as it was")
            .WithDescription("ETag is the contact's version; ?version=n or ?asOf=<ISO 8601> for time travel. 404 outside your data scope.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example);
        group.MapPatch("/{id}", Update).WithName("UpdateContact").RequirePermission("contact.edit")
            .WithSummary("Change a contact's fields")
            .WithDescription("Only the fields sent change; one event names each changed field old → new. If-Match → 412 when stale.")
            .WithExamples("""{"title":"Head of purchasing"}""", Example)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{id}/history", History).WithName("GetContactHistory").RequirePermission("contact.detail")
            .WithSummary("A contact's operation log")
            .WithDescription("One entry per event, oldest first, with actor, time, action and changed fields old → new (owner changes included).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: """{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d40","items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"created","eventType":"contact.created","actorId":null,"requestId":null,"changes":[{"field":"name","old":null,"new":"Zhang Wei"}]}]}""");
        group.MapPost("/{id}/follow-ups", AddFollowUp).WithName("AddContactFollowUp").RequirePermission("contact.edit")
            .WithSummary("Record a follow-up on a contact")
            .WithDescription("Kinds as for customers: communication, log, schedule, task, approval. It is filed under the customer too.")
            .WithExamples("""{"kind":"communication","content":"Met at the fair"}""", Example, StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{id}/follow-ups", ListFollowUps).WithName("ListContactFollowUps").RequirePermission("contact.detail")
            .WithSummary("A contact's follow-ups, newest first")
            .WithDescription("Keyset paging; limit defaults to and is capped by relatedListPageSize.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: $$"""{"items":[{{CustomerEndpoints.Example.FollowUp}}],"nextCursor":null}""");
        group.MapPost("/{id}/transfer", Transfer).WithName("TransferContact").RequirePermission("contact.transfer")
            .WithSummary("Transfer a contact to another owner")
            .WithDescription("toUserId must be an enabled user inside your contact.transfer data scope (422 naming toUserId). Contacts also move with their customer (POST /api/customers/{id}/transfer with cascadeToContacts).")
            .WithExamples("""{"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", Example)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>Create a contact.</summary>
    private static async Task<Results<Created<ContactResponse>, ProblemHttpResult>> Create(
        CreateContactRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, HttpContext http, CallerAccess caller,
        CommandHandler handler, CustomerQueries customers, EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (body.CustomerId is not { } customerId) return DomainProblems.Invalid("customerId", "customer_required", "customerId names the contact's customer.");
        var (customer, hidden) = await CustomerAccess.CheckAsync(customerId, caller, "customer.edit", TeamNeed.ReadWrite, customers, ct);
        if (hidden is not null || customer is null)
            return DomainError.Unprocessable("customerId", "customer_not_found", $"Customer {customerId} does not exist or you cannot edit it.").ToProblem();
        if (customer.OwnerId is not { } owner)
            return DomainError.Conflict("customer_in_pool", "The customer is in the public pool: claim it before adding contacts.", "customerId").ToProblem();
        var id = body.Id ?? Guid.CreateVersion7();
        var outcome = await handler.CreateAsync(Contact.Decider, id, (state, _) =>
            ValueTask.FromResult(Contact.Decide(new CreateContact(id, customerId, body.Input(), owner, true), state, CommandRequests.Context(clock, request))), request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/contacts/{id}", await Written(http, outcome, store, ct));
    }

    /// <summary>List contacts in scope, or one customer's contacts.</summary>
    /// <param name="customerId">Only this customer's contacts, by name.</param>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside name, phone and email.</param>
    private static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> List(
        Guid? customerId, int? limit, string? cursor, string? sort, string? q, CallerAccess caller,
        ContactQueries contacts, CustomerQueries customers, SettingsReader settings, CancellationToken ct)
    {
        if (customerId is { } customer)
        {
            var (size, bad) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct);
            if (bad is not null) return bad;
            if ((await CustomerAccess.CheckAsync(customer, caller, "contact.list", TeamNeed.Read, customers, ct)).Problem is { } hidden) return hidden;
            var page = await contacts.OfCustomerAsync(customer, size, cursor, ct);
            return TypedResults.Ok(new ContactListResponse(page.Items.Select(ContactResponse.From).ToList(), page.NextCursor));
        }
        return await ListAsync(null, limit, cursor, sort, q, caller, contacts, settings, ct);
    }

    /// <summary>Search contacts with a filter tree.</summary>
    private static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> Search(
        ContactSearchRequest body, CallerAccess caller, ContactQueries contacts, SettingsReader settings, CancellationToken ct) =>
        await ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, caller, contacts, settings, ct);

    internal static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> ListAsync(
        JsonElement? filterJson, int? limit, string? cursor, string? sort, string? q, CallerAccess caller, ContactQueries contacts, SettingsReader settings, CancellationToken ct)
    {
        var (size, bad) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct);
        if (bad is not null) return bad;
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return badQ;
        var (filter, badFilter) = ListInputs.Filter(filterJson, ContactFilterFields.All);
        if (badFilter is not null) return badFilter;
        var page = await contacts.ListAsync(new ContactListRequest(caller.VisibleOwners("contact.list").ForQuery(), caller.ActorId, size, cursor, order!, filter,
            search), ct);
        return TypedResults.Ok(new ContactListResponse(page.Items.Select(ContactResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Read a contact, now or as it was.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="version">Show it as it was at this version.</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> Get(
        Guid id, long? version, DateTimeOffset? asOf, HttpContext http, CallerAccess caller, ContactQueries contacts, CustomerQueries customers,
        EventStore.EventStore store, CancellationToken ct)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, problem) = await CheckAsync(id, caller, "contact.detail", TeamNeed.Read, contacts, customers, ct);
        if (problem is not null) return problem;
        if (version is not null || asOf is not null)
        {
            row = await store.ReadAsOfAsync<ContactRow>(id, version, asOf, ContactRow.Evolve, ct);
            if (row is null || (version is not null && row.Version < version)) return NotFound(id);
        }
        http.Response.SetETag(row!.Version);
        return TypedResults.Ok(ContactResponse.From(row));
    }

    /// <summary>Change a contact's fields.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateContactRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, CallerAccess caller,
        CommandHandler handler, ContactQueries contacts, CustomerQueries customers, EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        if ((await CheckAsync(id, caller, "contact.edit", TeamNeed.ReadWrite, contacts, customers, ct)).Problem is { } hidden) return hidden;
        var outcome = await handler.HandleAsync(Contact.Decider, id, (state, _, _) =>
            ValueTask.FromResult(Contact.Decide(new EditContact(id, body.Input()), state, CommandRequests.Context(clock, request))), request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(http, outcome, store, ct));
    }

    /// <summary>A contact's operation log.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactHistoryResponse>, ProblemHttpResult>> History(
        Guid id, HttpContext http, CallerAccess caller, ContactQueries contacts, CustomerQueries customers, EventStore.EventStore store, CancellationToken ct)
    {
        if ((await CheckAsync(id, caller, "contact.detail", TeamNeed.Read, contacts, customers, ct)).Problem is { } hidden) return hidden;
        var events = await store.ReadStreamAsync(id, ct: ct);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new ContactHistoryResponse(id, ContactHistory.Of(events)));
    }

    /// <summary>Record a follow-up on a contact.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Created<ContactResponse>, ProblemHttpResult>> AddFollowUp(
        Guid id, FollowUpRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, CallerAccess caller, CommandHandler handler, ContactQueries contacts, CustomerQueries customers, EventStore.EventStore store,
        FollowUpQueries followUps, TimeProvider clock, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if ((await CheckAsync(id, caller, "contact.edit", TeamNeed.ReadWrite, contacts, customers, ct)).Problem is { } hidden) return hidden;
        var followUpId = body.Id ?? Guid.CreateVersion7();
        var outcome = await handler.HandleAsync(Contact.Decider, id, async (state, _, t) =>
            state.Exists && body.Id is not null && await followUps.IsUsedAsync(followUpId, t) ? TakenIds.Refusal() :
            Contact.Decide(new FollowUpContact(id, followUpId, body.Kind, body.Content, body.NextContactAt), state, CommandRequests.Context(clock, request)),
            request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/contacts/{id}/follow-ups", await Written(http, outcome, store, ct));
    }

    /// <summary>A contact's follow-ups, newest first.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="limit">Page size; default and cap: relatedListPageSize.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<FollowUpListResponse>, ProblemHttpResult>> ListFollowUps(
        Guid id, int? limit, string? cursor, CallerAccess caller, ContactQueries contacts, CustomerQueries customers, FollowUpQueries followUps,
        SettingsReader settings, CancellationToken ct)
    {
        var (size, bad) = await CustomerAccess.PageSizeAsync(limit, cursor, settings, ct, Write.Settings.SystemSettings.RelatedListPageSize);
        if (bad is not null) return bad;
        if ((await CheckAsync(id, caller, "contact.detail", TeamNeed.Read, contacts, customers, ct)).Problem is { } hidden) return hidden;
        var page = await followUps.OfRecordAsync(id, size, cursor, ct);
        return TypedResults.Ok(new FollowUpListResponse(page.Items.Select(FollowUpResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>Transfer a contact.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> Transfer(
        Guid id, ContactTransferRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, CallerAccess caller,
        CommandHandler handler, ContactQueries contacts, CustomerQueries customers, UserQueries users, EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        if (await CustomerAccess.ReceiverAsync(body.ToUserId, "toUserId", caller.VisibleOwners("contact.transfer"), users, ct) is { } badUser) return badUser;
        if ((await CheckAsync(id, caller, "contact.transfer", TeamNeed.None, contacts, customers, ct)).Problem is { } hidden) return hidden;
        var outcome = await handler.HandleAsync(Contact.Decider, id, (state, _, _) => ValueTask.FromResult(
            Contact.Decide(new TransferContact(id, body.ToUserId!.Value), state, CommandRequests.Context(clock, request))), request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(http, outcome, store, ct));
    }

    /// <summary>The contact's owner or its customer's owner inside the caller's scope, or the caller on the customer's team with the access needed; else 404.</summary>
    private static async Task<(ContactRow? Row, ProblemHttpResult? Problem)> CheckAsync(
        Guid id, CallerAccess caller, string permission, TeamNeed team, ContactQueries contacts, CustomerQueries customers, CancellationToken ct)
    {
        var row = await contacts.GetAsync(id, ct);
        if (row is null) return (null, NotFound(id));
        var scope = caller.VisibleOwners(permission);
        if (scope.Includes(row.OwnerId)) return (row, null);
        // A customer's contacts are visible with the customer's owner in scope.
        if ((await customers.GetAsync(row.CustomerId, ct))?.OwnerId is { } customerOwner && scope.Includes(customerOwner)) return (row, null);
        if (team != TeamNeed.None && (await customers.TeamAsync(row.CustomerId, ct)).FirstOrDefault(m => m.UserId == caller.ActorId) is { } member
            && (team == TeamNeed.Read || member.Access == Events.TeamAccess.ReadWrite))
            return (row, null);
        return (null, NotFound(id));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        DomainError.NotFound("contact_not_found", $"Contact {id} does not exist (at that version or moment) or is outside your data scope.").ToProblem();

    private static async Task<ContactResponse> Written(HttpContext http, CommandOutcome outcome, EventStore.EventStore store, CancellationToken ct) =>
        ContactResponse.From(await http.WrittenAsync(outcome, "Contact",
            (id, version, t) => store.ReadAsOfAsync<ContactRow>(id, version, null, ContactRow.Evolve, t), r => r.Version, ct));
}
