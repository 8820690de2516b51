using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Leads;

public static partial class LeadEndpoints
{
    private static void MapActions(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/convert", Convert).WithName("ConvertLead").RequirePermission("lead.convert")
            .AsCommand(CommandHeaders.IdempotencyKey | CommandHeaders.IfMatch).Documented(LeadApiDocs.Convert);
        group.MapPost("/convert", BulkConvert).WithName("ConvertLeads").RequirePermission("lead.convert").Documented(LeadApiDocs.BulkConvert);
        group.MapPost("/transfer", BulkTransfer).WithName("TransferLeads").RequirePermission("lead.transfer").Documented(LeadApiDocs.BulkTransfer);
    }

    /// <summary>Convert one lead.</summary>
    /// <param name="id">The lead's id.</param>
    private static async Task<Results<Ok<ConvertLeadResponse>, ProblemHttpResult>> Convert(Guid id, ConvertLeadRequest? body, [AsParameters] LeadServices s)
    {
        body ??= new ConvertLeadRequest(null, null, null, null, null);
        if (body.CustomerId == Guid.Empty) return DomainProblems.Invalid("customerId", "id_invalid", "An id cannot be the empty UUID.");
        if (body.ContactId == Guid.Empty) return DomainProblems.Invalid("contactId", "id_invalid", "An id cannot be the empty UUID.");
        if (body.Opportunity?.Id == Guid.Empty) return DomainProblems.Invalid("opportunity.id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new ConvertLeadIntoCustomer(
            id, body.CustomerId, body.Customer?.Overrides(), body.Contact?.Input(), body.ContactId, body.CreateAnyway == true, body.Opportunity?.Input());
        var outcome = await s.Handler.ConvertAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await s.Http.ReadBackAsync(async t => await AsOfAsync(id, outcome.Version, null, s.Store, t)
            ?? throw new InvalidOperationException($"Lead {id} has no version {outcome.Version} after a successful command."), s.Ct);
        s.Http.Response.SetETag(row.Version);
        if (outcome.Replayed) s.Http.Response.Headers[Idempotency.ReplayedHeader] = "true";
        return TypedResults.Ok(new ConvertLeadResponse(LeadResponse.From(row), outcome.CustomerId, outcome.ContactId, outcome.OpportunityId));
    }

    /// <summary>Convert many leads, each in its own transaction (without opportunities: those are asked for one lead at a time).</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkConvert(BulkConvertLeadsRequest body, [AsParameters] LeadServices s)
    {
        if (CheckIds(body.Ids) is { } bad) return bad;
        var items = new List<BulkItemResult>();
        foreach (var id in body.Ids!.Distinct())
        {
            // withContact: a contact named after the lead's person (a lead the caller cannot reach is refused by the handler).
            var contact = body.WithContact == true && await s.Leads.GetAsync(id, s.Ct) is { } lead
                ? new ContactInput(lead.Fields.Name, null, lead.Fields.Phone, lead.Fields.Email, lead.Fields.Address, null) : null;
            var command = new ConvertLeadIntoCustomer(id, null, null, contact, null, body.CreateAnyway == true);
            var outcome = await s.Handler.ConvertAsync(command, s.Caller, CommandRequests.For(s.Http, null), s.Ct);
            items.Add(outcome.Error is { } error
                ? BulkItemResult.Refused(id, error)
                : BulkItemResult.Done(id, outcome.Version, outcome.CustomerId));
        }
        return TypedResults.Ok(BulkResponse.Of(items));
    }

    /// <summary>Transfer many leads to one owner, each on its own.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> BulkTransfer(BulkTransferLeadsRequest body, [AsParameters] LeadServices s)
    {
        if (CheckIds(body.Ids) is { } bad) return bad;
        if (body.OwnerId is not { } owner) return DomainProblems.Invalid("ownerId", RecordAccess.UserRequiredCode, "Name the user who receives the leads.");
        var items = new List<BulkItemResult>();
        foreach (var id in body.Ids!.Distinct())
        {
            var outcome = await s.Handler.TransferAsync(new TransferLead(id, owner), s.Caller, CommandRequests.For(s.Http, null), s.Ct);
            // The target user is the same for every id: refuse the whole call once rather than per id.
            if (outcome.Error is { Field: "ownerId" } wrongOwner) return wrongOwner.ToProblem();
            items.Add(outcome.Error is { } error ? BulkItemResult.Refused(id, error) : BulkItemResult.Done(id, outcome.Version));
        }
        return TypedResults.Ok(BulkResponse.Of(items));
    }

    private static ProblemHttpResult? CheckIds(IReadOnlyList<Guid>? ids)
    {
        if (ids is null || ids.Count == 0) return DomainProblems.Invalid("ids", "ids_required", "Send the ids to act on.");
        if (ids.Count > MaxBulkIds) return DomainProblems.Invalid("ids", "too_many_ids", $"At most {MaxBulkIds} ids per call.");
        return ids.Contains(Guid.Empty) ? DomainProblems.Invalid("ids", "id_invalid", "An id cannot be the empty UUID.") : null;
    }
}
