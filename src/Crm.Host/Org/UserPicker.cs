using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Org;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

/// <summary>One user as a picker shows them: enough to choose, nothing to contact or impersonate them with.</summary>
public sealed record UserPickerItem(Guid Id, string DisplayName, Guid? DepartmentId, bool IsEnabled);

/// <summary>One page of the picker, ordered by display name.</summary>
/// <param name="NextCursor">Pass as ?cursor= for the next page; null on the last page.</param>
public sealed record UserPickerResponse(IReadOnlyList<UserPickerItem> Items, string? NextCursor);

/// <summary>
/// GET /api/users/picker: the small directory for choosing a user (a new owner, a receiver, a team
/// member, a superior). It is open to whoever holds a permission whose use means choosing a user,
/// not to everyone signed in, and shows no mobile number, email, roles or super-administrator flag.
/// </summary>
public static partial class UserEndpoints
{
    /// <summary>The permissions whose use means choosing a user; any one of them opens the picker.</summary>
    public static IReadOnlyList<string> PickerPermissions { get; } =
    [
        "user.list", "user.create", "user.edit", "user.grant", "user.hand-over",
        "customer.transfer", "customer.team", "lead.transfer", "lead.assign", "contact.transfer", "pool.assign",
        "opportunity.transfer", "opportunity.team", "contract.transfer", "ticket.dispatch",
    ];

    private static void MapPicker(RouteGroupBuilder group)
    {
        var permissions = string.Join(", ", PickerPermissions.Select(p => $"`{p}`"));
        group.MapGet("/picker", PickUsers).WithName("PickUsers")
            .WithSummary("Choose a user: id, display name, department and whether enabled")
            .WithDescription("For the pickers of transfers, assignments, teams and hand-overs. Filters: q (part of the display name only), "
                + "departmentId, status (enabled, disabled; default all). Keyset paging: pass nextCursor back as ?cursor=. "
                + $"Requires any one of the permissions {permissions} (403 permission_denied otherwise).")
            .AddEndpointFilter(async (context, next) =>
            {
                var access = await CallerAccess.ForAsync(context.HttpContext);
                if (access is null) return PermissionEndpoints.NotSignedIn();
                if (!PickerPermissions.Any(access.Can)) return PickerForbidden();
                return await next(context);
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithExamples(response: """
                {"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","displayName":"Li Na",
                  "departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","isEnabled":true}],"nextCursor":null}
                """);
    }

    private static IResult PickerForbidden() => TypedResults.Problem(
        "None of your roles grants a permission that needs choosing a user: " + string.Join(", ", PickerPermissions) + ".",
        statusCode: StatusCodes.Status403Forbidden, title: "The operation is not permitted.",
        extensions: new Dictionary<string, object?> { ["code"] = "permission_denied", ["permissions"] = PickerPermissions });

    /// <summary>Users to choose from, by display name, a page at a time.</summary>
    /// <param name="departmentId">Only users of this department.</param>
    /// <param name="q">Part of the display name (any case), up to 200 characters (the one q rule of every list).</param>
    /// <param name="status">enabled or disabled; absent for all.</param>
    /// <param name="limit">Page size, 1 to 500; default the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<UserPickerResponse>, ProblemHttpResult>> PickUsers(
        Guid? departmentId, string? q, string? status, int? limit, string? cursor,
        UserQueries queries, SettingsReader settings, DatabaseRetry retry, CancellationToken ct)
    {
        var (page, problem) = await UserPages.ReadAsync(departmentId, q, status, limit, cursor, nameOnly: true, queries, settings, retry, ct);
        if (problem is not null) return problem;
        var items = page!.Items.Select(u => new UserPickerItem(u.Id, u.DisplayName, u.DepartmentId, !u.IsDisabled)).ToList();
        return TypedResults.Ok(new UserPickerResponse(items, page.NextCursor));
    }
}
