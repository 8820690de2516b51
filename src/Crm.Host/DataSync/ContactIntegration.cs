using Crm.Host.Access;
using Crm.Host.Contacts;
using Crm.Host.Platform;
using Crm.Projections.DataSync;
using Crm.Write;
using Crm.Write.Contacts;
using Crm.Write.DataSync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.DataSync;

/// <summary>One contact of a batch: action create (the fields of POST /api/contacts) or update (id, optional version, the fields to change).</summary>
/// <param name="Action">create or update.</param>
/// <param name="Id">create: optional client-chosen id; update: the contact's id.</param>
/// <param name="Version">update only: the version you read (as If-Match); the item fails with 412 when the contact changed since.</param>
/// <param name="CustomerId">create only (required there): the contact's customer.</param>
public sealed record ContactBatchItemRequest(
    [property: MustSend, WireValues(BatchWrites.Create, BatchWrites.Update)] string? Action, Guid? Id, long? Version, Guid? CustomerId,
    string? Name, string? Title, string? Phone, string? Email, string? Address, string? Remark) : IBatchItem
{
    public ContactInput Input() => new(Name, Title, Phone, Email, Address, Remark);
}

/// <summary>Contacts to create or update, 1 to 500.</summary>
public sealed record ContactBatchRequest([property: MustSend] IReadOnlyList<ContactBatchItemRequest>? Items);

/// <summary>POST /api/contacts/batch and PUT /api/contacts/by-external-id/{system}/{externalId} (issue 16).</summary>
public static class ContactIntegration
{
    public static void MapContactIntegration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization();
        group.MapPost("/batch", Batch).WithName("BatchContacts").RequirePermission("contact.create").RequirePermission("contact.edit")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(DataSyncApiDocs.Batch("contacts", IntegrationExamples.ContactBatch));
        group.MapPut("/by-external-id/{system}/{externalId}", Upsert).WithName("UpsertContactByExternalId").RequirePermission("contact.create")
            .RequirePermission("contact.edit").AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey)
            .Documented(DataSyncApiDocs.Upsert("contact", IntegrationExamples.ContactUpsert));
    }

    /// <summary>Create or update up to 500 contacts; answers per item.</summary>
    private static Task<Results<Ok<BulkResponse>, ProblemHttpResult>> Batch(ContactBatchRequest body, [AsParameters] ContactServices s) =>
        BatchWrites.RunAsync(body.Items, s.Http, (item, r) => item.CustomerId is { } customerId
                ? s.Handler.AddAsync(new AddContact(item.Id, customerId, item.Input()), s.Caller, r, s.Ct)
                : Refused(item.Id ?? Guid.Empty, CustomerRequired()),
            (item, id, r) => item.CustomerId is not null ? Refused(id, DataSyncRefusals.NotEditable("customerId", "a new contact"))
                : s.Handler.EditAsync(new EditContact(id, item.Input()), s.Caller, r, s.Ct));

    /// <summary>Create the contact linked to this external id, or update the one it is linked to.</summary>
    /// <param name="system">The other system's name: letters, digits, dots, hyphens, underscores (compared in lower case).</param>
    /// <param name="externalId">The contact's id in that system (case-sensitive).</param>
    private static Task<Results<Created<ContactResponse>, Ok<ContactResponse>, ProblemHttpResult>> Upsert(string system, string externalId,
        CreateContactRequest body, [AsParameters] ContactServices s, [FromServices] ExternalIdUpserts upserts) =>
        ExternalIdUpsert.RunAsync(ExternalIdKinds.Contact, system, externalId, "contacts", s.Http, upserts,
            r => body.CustomerId is { } customerId ? s.Handler.AddAsync(new AddContact(body.Id, customerId, body.Input()), s.Caller, r, s.Ct)
                : Refused(body.Id ?? Guid.Empty, CustomerRequired()),
            (id, r) => s.Handler.EditAsync(new EditContact(id, body.Input()), s.Caller, r, s.Ct),
            outcome => ContactEndpoints.Written(outcome, s));

    private static DomainError CustomerRequired() => DomainError.Invalid("customerId", "customer_required", "customerId names the contact's customer.");

    private static Task<CommandOutcome> Refused(Guid id, DomainError error) => Task.FromResult(CommandOutcome.Refused(id, error));
}
