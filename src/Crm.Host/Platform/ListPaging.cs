using Crm.Host.Settings;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Platform;

/// <summary>The page size of every list: default and cap are a setting (listPageSize unless told); 1 to 500 accepted.</summary>
public static class ListPaging
{
    public static async Task<(int Limit, ProblemHttpResult? Problem)> PageSizeAsync(int? limit, string? cursor, SettingsReader settings, CancellationToken ct,
        string setting = SystemSettings.ListPageSize)
    {
        if (ListInputs.CheckPaging(limit, cursor) is { } bad) return (0, bad);
        var configured = (int)(await settings.CurrentAsync(ct))[setting];
        return (Math.Min(limit ?? configured, configured), null);
    }
}
