using System.Reflection;
using System.Text.Json;

namespace Crm.Events;

/// <summary>What an erasure leaves where a personal value was, and which fields of a record are personal.</summary>
public static class PersonalData
{
    /// <summary>The marker an erased value becomes in events, read models, history, time travel, exports and the audit feed.</summary>
    public const string Erased = "[erased]";

    /// <summary>The marker for a value that was there; nothing for nothing (an erasure never invents a value).</summary>
    public static string? Mask(string? value) => value is null ? null : Erased;

    /// <summary>
    /// The [PersonalData] properties of a fields record (<see cref="CustomerFields"/> …), by the names edits and JSON use ("phone").
    /// </summary>
    public static IReadOnlyList<string> FieldsOf(Type fieldsType) => fieldsType
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null)
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .ToList();

    /// <summary>True when an edit's change names a personal field of <paramref name="fieldsType"/> and carries a value.</summary>
    public static bool Carries(IEnumerable<FieldChange> changes, IReadOnlyList<string> personalFields) =>
        changes.Any(c => personalFields.Contains(c.Field) && (c.Old is not null || c.New is not null));
}
