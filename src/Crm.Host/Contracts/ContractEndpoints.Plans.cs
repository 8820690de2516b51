using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Contracts;

// The payment plan (SAL-5): instalments in the contract's stream; ETag and If-Match are the contract's version.
public static partial class ContractEndpoints
{
    private static void MapPlans(RouteGroupBuilder group)
    {
        group.MapGet("/{id}/payment-plans", Plans).WithName("ListPaymentPlans").RequirePermission("payment-plan.list").Documented(ContractApiDocs.Plans);
        group.MapPost("/{id}/payment-plans", AddPlan).WithName("AddPaymentPlan").RequirePermission("payment-plan.create")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(ContractApiDocs.AddPlan);
        group.MapPatch("/{id}/payment-plans/{planId}", UpdatePlan).WithName("UpdatePaymentPlan").RequirePermission("payment-plan.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.UpdatePlan);
        group.MapDelete("/{id}/payment-plans/{planId}", RemovePlan).WithName("RemovePaymentPlan").RequirePermission("payment-plan.delete")
            .AsCommand(CommandHeaders.IfMatch).Documented(ContractApiDocs.RemovePlan);
    }

    /// <summary>A contract's payment plan, by instalment.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Ok<IReadOnlyList<PaymentPlanResponse>>, ProblemHttpResult>> Plans(Guid id, [AsParameters] ContractServices s)
    {
        var (row, refusal) = await ContractReach.CheckAsync(s.Contracts, id, s.Caller, "payment-plan.list", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        s.Http.Response.SetETag(row!.Version);
        return TypedResults.Ok<IReadOnlyList<PaymentPlanResponse>>((await s.Contracts.PlansAsync(id, s.Ct)).Select(PaymentPlanResponse.From).ToList());
    }

    /// <summary>Add an instalment to a contract's payment plan.</summary>
    /// <param name="id">The contract's id.</param>
    private static async Task<Results<Created<PaymentPlanResponse>, ProblemHttpResult>> AddPlan(Guid id, PaymentPlanRequest body,
        [AsParameters] ContractServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var planId = body.Id ?? Guid.CreateVersion7();
        var outcome = await s.Handler.AddPlanAsync(new AddPaymentPlan(id, planId, body.Input()), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        // A replay answers the plan the first request added (its id was the server's choice then).
        var plan = await PlanWritten(s, outcome, outcome.Replayed && body.Id is null ? null : planId);
        return TypedResults.Created($"/api/contracts/{id}/payment-plans/{plan.Id}", plan);
    }

    /// <summary>Change an instalment; only the values sent change.</summary>
    /// <param name="id">The contract's id.</param>
    /// <param name="planId">The instalment's id.</param>
    private static async Task<Results<Ok<PaymentPlanResponse>, ProblemHttpResult>> UpdatePlan(Guid id, Guid planId, UpdatePaymentPlanRequest body,
        [AsParameters] ContractServices s)
    {
        var outcome = await s.Handler.ChangePlanAsync(new ChangePaymentPlan(id, planId, body.Input()), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await PlanWritten(s, outcome, planId));
    }

    /// <summary>Remove an instalment.</summary>
    /// <param name="id">The contract's id.</param>
    /// <param name="planId">The instalment's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> RemovePlan(Guid id, Guid planId, [AsParameters] ContractServices s)
    {
        var outcome = await s.Handler.RemovePlanAsync(new RemovePaymentPlan(id, planId), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        s.Http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    /// <summary>The instalment as the command left it (the contract folded to that version); null id: the plan last added by then.</summary>
    private static async Task<PaymentPlanResponse> PlanWritten(ContractServices s, CommandOutcome outcome, Guid? planId)
    {
        var row = await s.Http.WrittenAsync(outcome, "Contract", (id, version, t) => s.Contracts.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct);
        var plans = row.Plans ?? [];
        return PaymentPlanResponse.From(planId is { } wanted ? plans.Single(p => p.PlanId == wanted) : plans[^1]);
    }
}
