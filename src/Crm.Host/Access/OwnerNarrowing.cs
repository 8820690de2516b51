using Crm.Host.Platform;
using Crm.Projections.Dashboard;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Access;

/// <summary>
/// The owners a figure covers: one user or one department's users (with its sub-departments) within the caller's scope, else the
/// whole scope. A user or department outside the scope answers 404 like a missing one, so its existence is not confirmed.
/// </summary>
public sealed class OwnerNarrowing(UserQueries users, BriefingQueries departments)
{
    /// <summary>The owner ids for SQL (null: everyone), or the problem to answer.</summary>
    public async Task<(Guid[]? Owners, ProblemHttpResult? Problem)> OwnersAsync(OwnerScope scope, Guid? userId, Guid? departmentId, string userField,
        CancellationToken ct)
    {
        if (userId is not null && departmentId is not null)
            return (null, DomainProblems.Invalid("departmentId", "filter_ambiguous", $"Pass {userField} or departmentId, not both."));
        if (userId is { } user)
        {
            // An "everyone" scope includes any id, so the user's existence is checked too: no zeros for a user who is not there.
            if (!scope.Includes(user) || await users.GetAsync(user, ct) is null)
                return (null, DomainError.NotFound("user_not_found", $"User {user} does not exist.").ToProblem());
            return ([user], null);
        }
        if (departmentId is { } department)
        {
            var members = await departments.DepartmentUsersAsync(department, ct);
            // A department none of whose users the caller may see reads as missing (404), like a hidden record.
            if (members is null || (!scope.IsAll && !members.Any(scope.Includes)))
                return (null, DomainError.NotFound("department_not_found", $"Department {department} does not exist.").ToProblem());
            return (scope.IsAll ? members : members.Where(scope.Includes).ToArray(), null);
        }
        return (scope.ForSql(), null);
    }
}
