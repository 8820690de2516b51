using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Payments;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Payments;

public static partial class PaymentEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", Create).WithName("CreatePayment").RequirePermission("payment.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(PaymentApiDocs.Create);
        group.MapPatch("/{id}", Update).WithName("UpdatePayment").RequirePermission("payment.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(PaymentApiDocs.Update);
        group.MapDelete("/{id}", Delete).WithName("DeletePayment").RequirePermission("payment.delete")
            .AsCommand(CommandHeaders.IfMatch).Documented(PaymentApiDocs.Delete);
    }

    /// <summary>Record a payment against an approved contract.</summary>
    private static async Task<Results<Created<PaymentResponse>, ProblemHttpResult>> Create(CreatePaymentRequest body, [AsParameters] PaymentServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (body.ContractId is null || body.ContractId == Guid.Empty)
            return DomainProblems.Invalid("contractId", "contract_required", "contractId names the contract the money was received against.");
        var outcome = await s.Handler.RecordAsync(body.Command(), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var written = await Written(s, outcome);
        return TypedResults.Created($"/api/payments/{written.Id}", written);
    }

    /// <summary>Change a draft or rejected payment; only the fields sent change.</summary>
    /// <param name="id">The payment's id.</param>
    private static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> Update(Guid id, UpdatePaymentRequest body, [AsParameters] PaymentServices s)
    {
        var outcome = await s.Handler.EditAsync(id, body.Input(), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await Written(s, outcome));
    }

    /// <summary>Delete a draft or rejected payment.</summary>
    /// <param name="id">The payment's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] PaymentServices s)
    {
        var outcome = await s.Handler.DeleteAsync(id, s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>The payment exactly as the command left it (folded to that version), with its contract's owner now, and its ETag.</summary>
    private static async Task<PaymentResponse> Written(PaymentServices s, CommandOutcome outcome)
    {
        var row = await s.Http.WrittenAsync(outcome, "Payment", (id, version, t) => s.Payments.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct);
        var now = await s.Http.ReadBackAsync(t => s.Payments.GetAsync(row.Id, t), s.Ct);
        return PaymentResponse.From(now is null ? row : row with { OwnerId = now.OwnerId });
    }
}
