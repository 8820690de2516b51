using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Classification;
using Crm.Write.Classification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Classification;

/// <summary>What the class threshold endpoints take besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct CustomerClassServices(
    HttpContext Http, CallerAccess Caller, CustomerClassesHandler Handler, EventStore.EventStore Store, CancellationToken Ct);

/// <summary>/api/settings/customer-classes: read by whoever lists customers, replaced by whoever edits settings; every change is an event.</summary>
public static class CustomerClassEndpoints
{
    public static RouteGroupBuilder MapCustomerClassesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/settings/customer-classes").WithTags("Settings").RequireAuthorization();
        group.MapGet("/", GetThresholds).WithName("GetCustomerClasses").RequirePermission("customer.list").Documented(CustomerClassApiDocs.Get);
        group.MapPut("/", PutThresholds).WithName("PutCustomerClasses").RequirePermission("settings.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(CustomerClassApiDocs.Put);
        group.MapGet("/history", GetHistory).WithName("GetCustomerClassesHistory").RequirePermission("settings.view")
            .Documented(CustomerClassApiDocs.History);
        return group;
    }

    /// <summary>The class thresholds.</summary>
    private static async Task<Ok<CustomerClassesDto>> GetThresholds([AsParameters] CustomerClassServices s)
    {
        var (state, version) = await s.Handler.CurrentAsync(s.Ct);
        s.Http.Response.SetETag(version);
        return TypedResults.Ok(CustomerClassesDto.From(state));
    }

    /// <summary>Replace the class thresholds.</summary>
    private static async Task<Results<Ok<CustomerClassesDto>, ProblemHttpResult>> PutThresholds(CustomerClassesDto body, [AsParameters] CustomerClassServices s)
    {
        if ((await s.Handler.ChangeAsync(body.Command(), s.Caller, s.Http.Command(), s.Ct)).Error is { } error) return error.ToProblem();
        return await GetThresholds(s);
    }

    /// <summary>The class thresholds' change log.</summary>
    private static async Task<Ok<SettingsHistoryResponse>> GetHistory([AsParameters] CustomerClassServices s) =>
        TypedResults.Ok(new SettingsHistoryResponse(CustomerClassHistory.Of(await s.Store.ReadStreamAsync(CustomerClasses.StreamId, ct: s.Ct))));
}
