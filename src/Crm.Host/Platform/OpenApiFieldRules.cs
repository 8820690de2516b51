using System.Reflection;

namespace Crm.Host.Platform;

/// <summary>
/// A request property the client must always send (the OpenAPI document lists it under required). Documentation only:
/// the handler still checks it and answers a problem naming the field, so a missing value never reaches the serializer.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MustSendAttribute : Attribute;

/// <summary>A request property where null means something (it clears the field, or puts it at the top): the document marks it nullable.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NullMeansAttribute(string meaning) : Attribute
{
    public string Meaning { get; } = meaning;
}

/// <summary>
/// The string values a property takes on the wire: an enum in the document. Either listed, or read from a static
/// list in the domain (e.g. FollowUpRules.CustomerKinds) so the document and the rule cannot drift apart.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WireValuesAttribute : Attribute
{
    public WireValuesAttribute(params string[] values) => Values = values;

    public WireValuesAttribute(Type owner, string member)
    {
        var property = owner.GetProperty(member, BindingFlags.Public | BindingFlags.Static)
            ?? throw new ArgumentException($"{owner.Name}.{member} is not a public static list.", nameof(member));
        Values = [.. (IEnumerable<string>)property.GetValue(null)!];
    }

    public IReadOnlyList<string> Values { get; }
}

/// <summary>A sort key of the record lists: updatedAt, createdAt or name, each also with a leading "-" for descending.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SortKeyAttribute : Attribute
{
    public static IReadOnlyList<string> Values { get; } = [.. Projections.ListSort.Fields, .. Projections.ListSort.Fields.Select(f => "-" + f)];
}
