namespace Crm.Events.Settings;

/// <summary>System settings changed (all in one stream with a fixed id): every changed setting, old → new.</summary>
public sealed record SettingsChanged(IReadOnlyList<SettingsChanged.Change> Changes)
{
    /// <summary>One setting's change: its name as the API spells it, and the value before and after.</summary>
    public sealed record Change(string Name, long Old, long New);
}
