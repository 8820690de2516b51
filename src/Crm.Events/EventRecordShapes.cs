using System.Collections;

namespace Crm.Events;

/// <summary>
/// How the walkers of event records (the audit feed's redaction of [Secret] values, the erasure's mask of [PersonalData] ones) see a
/// property's type: one value or many, and whether it is a record of ours to walk into.
/// </summary>
public static class EventRecordShapes
{
    /// <summary>The element type of a list (Many), or the type itself unwrapped from Nullable; a string is one value, not many chars.</summary>
    public static (Type Type, bool Many) ElementOf(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)) return (Nullable.GetUnderlyingType(type) ?? type, false);
        var element = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return (element ?? typeof(object), true);
    }

    /// <summary>A record of this code base (walked into), as opposed to a framework type.</summary>
    public static bool IsOurRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true;
}
