using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Customers;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Settings;
using Crm.Host.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Customers;

/// <summary>
/// The data-scope check of every customer endpoint: the owner inside the caller's scope for the
/// permission, or the caller on the customer's team (CUS-3) with the access the operation needs.
/// Pool customers are readable by whoever may see the pool; changing them takes an all-records scope
/// (or the pool's own claim / assign endpoints). Anything else answers 404.
/// </summary>
public static class CustomerAccess
{
    public static async Task<(CustomerRow? Row, ProblemHttpResult? Problem)> CheckAsync(
        Guid id, CallerAccess caller, string permission, TeamNeed team, CustomerQueries customers, CancellationToken ct)
    {
        var row = await customers.GetAsync(id, ct);
        if (row is null) return (null, NotFound(id));
        var scope = caller.VisibleOwners(permission);
        if (row.OwnerId is { } owner ? scope.Includes(owner) : scope.IsAll || (team == TeamNeed.Read && caller.Can("pool.list")))
            return (row, null);
        if (team != TeamNeed.None && (await customers.TeamAsync(id, ct)).FirstOrDefault(m => m.UserId == caller.ActorId) is { } member)
        {
            if (team == TeamNeed.Read || member.Access == TeamAccess.ReadWrite) return (row, null);
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The operation is not permitted.",
                detail: "You are on this customer's team with read access only.", extensions: new Dictionary<string, object?> { ["code"] = "team_read_only" }));
        }
        return (null, NotFound(id));
    }

    public static ProblemHttpResult NotFound(Guid id) =>
        DomainError.NotFound("customer_not_found", $"Customer {id} does not exist (at that version or moment) or is outside your data scope.").ToProblem();

    /// <summary>An enabled user inside the scope: the only kind of user that can receive customers. Else a 422 naming the field.</summary>
    public static async Task<ProblemHttpResult?> ReceiverAsync(Guid? userId, string field, Write.Access.OwnerScope scope, UserQueries users, CancellationToken ct)
    {
        if (userId is not { } id || id == Guid.Empty) return DomainProblems.Invalid(field, "user_required", $"{field} names the user who receives the customer.");
        var user = await users.GetAsync(id, ct);
        if (user is null || user.IsDisabled) return DomainError.Unprocessable(field, "user_unusable", $"User {id} does not exist or is disabled.").ToProblem();
        if (!scope.Includes(id)) return DomainError.Unprocessable(field, "user_out_of_scope", $"User {id} is outside your data scope.").ToProblem();
        return null;
    }

    /// <summary>The page size: default and cap are the listPageSize setting; 1 to 500 accepted.</summary>
    public static async Task<(int Limit, ProblemHttpResult? Problem)> PageSizeAsync(int? limit, string? cursor, SettingsReader settings, CancellationToken ct,
        string setting = SystemSettings.ListPageSize)
    {
        if (ListInputs.CheckPaging(limit, cursor) is { } bad) return (0, bad);
        var configured = (int)(await settings.CurrentAsync(ct))[setting];
        return (Math.Min(limit ?? configured, configured), null);
    }
}
