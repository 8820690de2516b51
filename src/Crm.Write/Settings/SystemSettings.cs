using Crm.Events.Settings;

namespace Crm.Write.Settings;

/// <summary>One setting: its API name, its default and the values it may take.</summary>
public sealed record SettingDefinition(string Name, long Default, long Min, long Max, string Unit);

/// <summary>The settings as they are: every definition's current value.</summary>
public sealed record SettingsState(IReadOnlyDictionary<string, long> Values)
{
    public long this[string name] => Values[name];
}

/// <summary>The values sent to change (null: leave it). Keys are setting names.</summary>
public sealed record ChangeSettings(IReadOnlyDictionary<string, long?> Values);

/// <summary>The system settings decider (SET-2): one stream with a fixed id; every change names old → new.</summary>
public static class SystemSettings
{
    public const string StreamType = "settings";

    /// <summary>The one settings stream.</summary>
    public static readonly Guid StreamId = new("0196f000-0000-7000-8000-5e7714650001");

    public const string AttachmentMaxMegabytes = "attachmentMaxMegabytes";
    public const string ListPageSize = "listPageSize";
    public const string RelatedListPageSize = "relatedListPageSize";
    public const string PickerPageSize = "pickerPageSize";
    public const string ListTextLength = "listTextLength";
    public const string SessionTimeoutHours = "sessionTimeoutHours";

    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        new(AttachmentMaxMegabytes, 3, 1, 30, "MB"),
        new(ListPageSize, 20, 1, 500, "rows"),
        new(RelatedListPageSize, 10, 1, 500, "rows"),
        new(PickerPageSize, 20, 1, 500, "rows"),
        new(ListTextLength, 50, 10, 1000, "characters"),
        new(SessionTimeoutHours, 12, 1, 720, "hours"),
    ];

    public static SettingsState Defaults { get; } = new(Definitions.ToDictionary(d => d.Name, d => d.Default));

    public static Decider<SettingsState> Decider { get; } = new(StreamType, Defaults, Evolve);

    public static SettingsState Evolve(SettingsState state, object @event)
    {
        if (@event is not SettingsChanged changed) return state;
        var values = new Dictionary<string, long>(state.Values);
        foreach (var change in changed.Changes) values[change.Name] = change.New;
        return new SettingsState(values);
    }

    public static Decision Decide(ChangeSettings command, SettingsState state, CommandContext context)
    {
        var changes = new List<SettingsChanged.Change>();
        foreach (var (name, value) in command.Values)
        {
            if (value is null) continue;
            if (Definitions.FirstOrDefault(d => d.Name == name) is not { } definition)
                return DomainError.Invalid(name, "setting_unknown", $"There is no setting {name}.");
            if (value < definition.Min || value > definition.Max)
                return DomainError.Invalid(name, "setting_out_of_range", $"{name} is {definition.Min} to {definition.Max} {definition.Unit}.");
            if (value != state[name]) changes.Add(new SettingsChanged.Change(name, state[name], value.Value));
        }
        return changes.Count == 0 ? Decision.Nothing : Decision.Accept(new SettingsChanged(changes));
    }
}
