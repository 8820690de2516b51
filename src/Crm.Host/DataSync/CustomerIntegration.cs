using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.DataSync;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Write.DataSync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.DataSync;

/// <summary>One customer of a batch: action create (the fields of POST /api/customers) or update (id, optional version, the fields to change).</summary>
/// <param name="Action">create or update.</param>
/// <param name="Id">create: optional client-chosen id; update: the customer's id.</param>
/// <param name="Version">update only: the version you read (as If-Match); the item fails with 412 when the customer changed since.</param>
/// <param name="OwnerId">create only; a change of owner is a transfer.</param>
/// <param name="CreateAnyway">create only: create even though leads or customers with the same name, phone or email exist.</param>
public sealed record CustomerBatchItemRequest(
    [property: MustSend, WireValues(BatchWrites.Create, BatchWrites.Update)] string? Action, Guid? Id, long? Version,
    string? Name, string? Level, string? Industry, string? Source, string? Region, string? Address, string? Phone, string? Email,
    string? Website, string? Remark, IReadOnlyList<string>? Tags, Guid? OwnerId, bool CreateAnyway = false) : IBatchItem
{
    public CustomerInput Input() => new(Name, Level, Industry, Source, Region, Address, Phone, Email, Website, Remark, Tags);
}

/// <summary>Customers to create or update, 1 to 500.</summary>
public sealed record CustomerBatchRequest([property: MustSend] IReadOnlyList<CustomerBatchItemRequest>? Items);

/// <summary>POST /api/customers/batch and PUT /api/customers/by-external-id/{system}/{externalId} (issue 16).</summary>
public static class CustomerIntegration
{
    public static void MapCustomerIntegration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization();
        group.MapPost("/batch", Batch).WithName("BatchCustomers").RequirePermission("customer.create").RequirePermission("customer.edit")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(DataSyncApiDocs.Batch("customers", IntegrationExamples.CustomerBatch));
        group.MapPut("/by-external-id/{system}/{externalId}", Upsert).WithName("UpsertCustomerByExternalId").RequirePermission("customer.create")
            .RequirePermission("customer.edit").AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey)
            .Documented(DataSyncApiDocs.Upsert("customer", IntegrationExamples.CustomerUpsert));
    }

    /// <summary>Create or update up to 500 customers; answers per item.</summary>
    private static Task<Results<Ok<BulkResponse>, ProblemHttpResult>> Batch(CustomerBatchRequest body, [AsParameters] CustomerServices s) =>
        BatchWrites.RunAsync(body.Items, s.Http,
            (item, r) => s.Handler.AddAsync(new AddCustomer(item.Id, item.Input(), item.OwnerId, item.CreateAnyway), s.Caller, r, s.Ct),
            (item, id, r) => item.OwnerId is not null ? Refused(id, DataSyncRefusals.NotEditable("ownerId", "a transfer"))
                : s.Handler.EditAsync(new EditCustomer(id, item.Input()), s.Caller, r, s.Ct));

    /// <summary>Create the customer linked to this external id, or update the one it is linked to.</summary>
    /// <param name="system">The other system's name: letters, digits, dots, hyphens, underscores (compared in lower case).</param>
    /// <param name="externalId">The customer's id in that system (case-sensitive).</param>
    private static Task<Results<Created<CustomerResponse>, Ok<CustomerResponse>, ProblemHttpResult>> Upsert(string system, string externalId,
        CreateCustomerRequest body, [AsParameters] CustomerServices s, [FromServices] ExternalIdUpserts upserts) =>
        ExternalIdUpsert.RunAsync(ExternalIdKinds.Customer, system, externalId, "customers", s.Http, upserts,
            r => s.Handler.AddAsync(new AddCustomer(body.Id, body.Input(), body.OwnerId, body.CreateAnyway), s.Caller, r, s.Ct),
            (id, r) => s.Handler.EditAsync(new EditCustomer(id, body.Input()), s.Caller, r, s.Ct),
            outcome => CustomerEndpoints.Written(s.Http, outcome, s.Customers, s.Ct));

    private static Task<CommandOutcome> Refused(Guid id, DomainError error) => Task.FromResult(CommandOutcome.Refused(id, error));
}
