using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Customers;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Customers;

/// <summary>
/// Forwarders kept for the endpoints that still call them (pool, contacts, notifications) while they move onto the one access
/// policy: the rule itself is <see cref="RecordAccess"/> (+ <see cref="CustomerReach"/>), the paging <see cref="ListPaging"/>.
/// </summary>
public static class CustomerAccess
{
    public static ProblemHttpResult NotFound(Guid id) => RecordAccess.NotFound(CustomerReach.Kind, id).ToProblem();

    /// <summary>The one receiver rule (<see cref="RecordAccess.Receiver"/>) as a problem.</summary>
    public static async Task<ProblemHttpResult?> ReceiverAsync(Guid? userId, string field, OwnerScope scope, UserQueries users, CancellationToken ct)
    {
        var user = userId is { } id && id != Guid.Empty ? await users.GetAsync(id, ct) : null;
        return RecordAccess.Receiver(userId, user is null ? null : new ReceiverOnFile(user.Id, user.IsDisabled), field, scope)?.ToProblem();
    }

    public static Task<(int Limit, ProblemHttpResult? Problem)> PageSizeAsync(int? limit, string? cursor, SettingsReader settings, CancellationToken ct,
        string setting = SystemSettings.ListPageSize) => ListPaging.PageSizeAsync(limit, cursor, settings, ct, setting);
}
