using Crm.Host.Access;
using Crm.Host.Leads;
using Crm.Host.Platform;
using Crm.Projections.DataSync;
using Crm.Write;
using Crm.Write.DataSync;
using Crm.Write.Leads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.DataSync;

/// <summary>One lead of a batch: action create (the fields of POST /api/leads) or update (id, optional version, the fields to change).</summary>
/// <param name="Action">create or update.</param>
/// <param name="Id">create: optional client-chosen id; update: the lead's id.</param>
/// <param name="Version">update only: the version you read (as If-Match); the item fails with 412 when the lead changed since.</param>
/// <param name="OwnerId">create only; a change of owner is a transfer.</param>
/// <param name="CreateAnyway">create only: create even though leads or customers with the same name, phone or email exist.</param>
public sealed record LeadBatchItemRequest(
    [property: MustSend, WireValues(BatchWrites.Create, BatchWrites.Update)] string? Action, Guid? Id, long? Version,
    string? Name, string? Company, string? Phone, string? Email, string? Source, string? Industry, string? Level, string? Address,
    string? Remark, Guid? OwnerId, bool CreateAnyway = false) : IBatchItem
{
    public LeadInput Input() => new(Name, Company, Phone, Email, Source, Industry, Level, Address, Remark);
}

/// <summary>Leads to create or update, 1 to 500.</summary>
public sealed record LeadBatchRequest([property: MustSend] IReadOnlyList<LeadBatchItemRequest>? Items);

/// <summary>POST /api/leads/batch and PUT /api/leads/by-external-id/{system}/{externalId} (issue 16).</summary>
public static class LeadIntegration
{
    public static void MapLeadIntegration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization();
        group.MapPost("/batch", Batch).WithName("BatchLeads").RequirePermission("lead.create").RequirePermission("lead.edit")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(DataSyncApiDocs.Batch("leads", IntegrationExamples.LeadBatch));
        group.MapPut("/by-external-id/{system}/{externalId}", Upsert).WithName("UpsertLeadByExternalId").RequirePermission("lead.create")
            .RequirePermission("lead.edit").AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey)
            .Documented(DataSyncApiDocs.Upsert("lead", IntegrationExamples.LeadUpsert));
    }

    /// <summary>Create or update up to 500 leads; answers per item.</summary>
    private static Task<Results<Ok<BulkResponse>, ProblemHttpResult>> Batch(LeadBatchRequest body, [AsParameters] LeadServices s) =>
        BatchWrites.RunAsync(body.Items, s.Http,
            (item, r) => s.Handler.CreateAsync(new AddLead(item.Id, item.Input(), item.OwnerId, item.CreateAnyway), s.Caller, r, s.Ct),
            (item, id, r) => item.OwnerId is not null
                ? Task.FromResult(CommandOutcome.Refused(id, DataSyncRefusals.NotEditable("ownerId", "a transfer")))
                : s.Handler.EditAsync(new EditLead(id, item.Input()), s.Caller, r, s.Ct));

    /// <summary>Create the lead linked to this external id, or update the one it is linked to.</summary>
    /// <param name="system">The other system's name: letters, digits, dots, hyphens, underscores (compared in lower case).</param>
    /// <param name="externalId">The lead's id in that system (case-sensitive).</param>
    private static Task<Results<Created<LeadResponse>, Ok<LeadResponse>, ProblemHttpResult>> Upsert(string system, string externalId,
        CreateLeadRequest body, [AsParameters] LeadServices s, [FromServices] ExternalIdUpserts upserts) =>
        ExternalIdUpsert.RunAsync(ExternalIdKinds.Lead, system, externalId, "leads", s.Http, upserts,
            r => s.Handler.CreateAsync(new AddLead(body.Id, body.Input(), body.OwnerId, body.CreateAnyway == true), s.Caller, r, s.Ct),
            (id, r) => s.Handler.EditAsync(new EditLead(id, body.Input()), s.Caller, r, s.Ct),
            async outcome => LeadResponse.From(await LeadEndpoints.Written(outcome, s)));
}
