using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections;
using Crm.Projections.Org;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

/// <summary>One page of users for the directory and the picker: the same paging, q and status rules for both.</summary>
public static class UserPages
{
    public static async Task<(Page<UserRow>? Page, ProblemHttpResult? Problem)> ReadAsync(
        Guid? departmentId, string? q, string? status, int? limit, string? cursor, bool nameOnly,
        UserQueries queries, SettingsReader settings, DatabaseRetry retry, CancellationToken ct)
    {
        if (ListInputs.CheckPaging(limit, cursor) is { } badPaging) return (null, badPaging);
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return (null, badQ);
        if (status is not (null or "enabled" or "disabled"))
            return (null, DomainProblems.Invalid("status", "status_invalid", "status is enabled or disabled."));
        var pageSize = limit ?? (int)(await settings.CurrentAsync(ct))[SystemSettings.ListPageSize];
        var filter = new UserFilter(departmentId, search, status is null ? null : status == "disabled", NameOnly: nameOnly);
        return (await retry.Reads.ExecuteAsync(async t => await queries.ListAsync(filter, pageSize, cursor, t), ct), null);
    }
}
