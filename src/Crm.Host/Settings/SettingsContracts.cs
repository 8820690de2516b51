using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write.Settings;

namespace Crm.Host.Settings;

/// <summary>The system settings (SET-2). Absent fields in a PATCH stay as they are.</summary>
/// <param name="AttachmentMaxMegabytes">Largest attachment, 1 to 30 MB (default 3).</param>
/// <param name="ListPageSize">Rows per list page, 1 to 500 (default 20).</param>
/// <param name="RelatedListPageSize">Rows per related list (a customer's contacts …), 1 to 500 (default 10).</param>
/// <param name="PickerPageSize">Rows per picker page, 1 to 500 (default 20).</param>
/// <param name="ListTextLength">Characters of long text shown in lists, 10 to 1000 (default 50).</param>
/// <param name="SessionTimeoutHours">Hours a sign-in lasts, 1 to 720 (default 12).</param>
public sealed record SettingsValues(
    long? AttachmentMaxMegabytes, long? ListPageSize, long? RelatedListPageSize, long? PickerPageSize, long? ListTextLength, long? SessionTimeoutHours)
{
    public static SettingsValues From(SettingsState s) => new(s[SystemSettings.AttachmentMaxMegabytes], s[SystemSettings.ListPageSize],
        s[SystemSettings.RelatedListPageSize], s[SystemSettings.PickerPageSize], s[SystemSettings.ListTextLength], s[SystemSettings.SessionTimeoutHours]);
}

/// <summary>The settings to change: only the ones sent change (the same fields and ranges as the settings read).</summary>
public sealed record ChangeSettingsRequest(
    long? AttachmentMaxMegabytes, long? ListPageSize, long? RelatedListPageSize, long? PickerPageSize, long? ListTextLength, long? SessionTimeoutHours)
{
    public Dictionary<string, long?> ToChanges() => new()
    {
        [SystemSettings.AttachmentMaxMegabytes] = AttachmentMaxMegabytes,
        [SystemSettings.ListPageSize] = ListPageSize,
        [SystemSettings.RelatedListPageSize] = RelatedListPageSize,
        [SystemSettings.PickerPageSize] = PickerPageSize,
        [SystemSettings.ListTextLength] = ListTextLength,
        [SystemSettings.SessionTimeoutHours] = SessionTimeoutHours,
    };
}

/// <summary>The settings' change log, oldest first.</summary>
public sealed record SettingsHistoryResponse(IReadOnlyList<HistoryEntry> Items);
