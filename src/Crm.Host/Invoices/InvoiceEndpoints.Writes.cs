using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections.Invoices;
using Crm.Write;
using Crm.Write.Invoices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Invoices;

public static partial class InvoiceEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        group.MapPost("/", Create).WithName("CreateInvoice").RequirePermission("invoice.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(InvoiceApiDocs.Create);
        group.MapPatch("/{id}", Update).WithName("UpdateInvoice").RequirePermission("invoice.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(InvoiceApiDocs.Update);
        group.MapDelete("/{id}", Delete).WithName("DeleteInvoice").RequirePermission("invoice.delete").AsCommand(CommandHeaders.IfMatch)
            .Documented(InvoiceApiDocs.Delete);
        group.MapPost("/{id}/issue", Issue).WithName("IssueInvoice").RequirePermission("invoice.edit").AsCommand(Both).Documented(InvoiceApiDocs.Issue);
    }

    /// <summary>Request an invoice against an approved contract.</summary>
    private static async Task<Results<Created<InvoiceResponse>, ProblemHttpResult>> Create(CreateInvoiceRequest body, [AsParameters] InvoiceServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (body.ContractId is null || body.ContractId == Guid.Empty)
            return DomainProblems.Invalid("contractId", "contract_required", "contractId names the contract invoiced.");
        var outcome = await s.Handler.AddAsync(body.Command(), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var written = await Written(s, outcome);
        return TypedResults.Created($"/api/invoices/{written.Id}", written);
    }

    /// <summary>Change a draft or rejected invoice; only the values sent change.</summary>
    /// <param name="id">The invoice's id.</param>
    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> Update(Guid id, UpdateInvoiceRequest body, [AsParameters] InvoiceServices s) =>
        await Answer(s, await s.Handler.EditAsync(id, body.Input(), s.Caller, s.Http.Command(), s.Ct));

    /// <summary>Delete a draft or rejected invoice.</summary>
    /// <param name="id">The invoice's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] InvoiceServices s)
    {
        var outcome = await s.Handler.DeleteAsync(id, s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Mark an approved invoice issued, with its number and date.</summary>
    /// <param name="id">The invoice's id.</param>
    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> Issue(Guid id, IssueInvoiceRequest body, [AsParameters] InvoiceServices s) =>
        await Answer(s, await s.Handler.IssueAsync(id, body.InvoiceNumber, body.IssuedOn, s.Caller, s.Http.Command(), s.Ct));

    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> Answer(InvoiceServices s, CommandOutcome outcome) =>
        outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await Written(s, outcome));

    /// <summary>The invoice exactly as the command left it (folded to that version), with its ETag.</summary>
    private static async Task<InvoiceResponse> Written(InvoiceServices s, CommandOutcome outcome) => InvoiceResponse.From(
        await s.Http.WrittenAsync(outcome, "Invoice", (id, version, t) => s.Invoices.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct));
}
