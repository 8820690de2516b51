using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Crm.Events.Tests;

/// <summary>
/// Erasure masks what [PersonalData] marks (docs/event-store.md, "Erasure"): a new event with a phone, mobile, e-mail, address,
/// WeChat/QQ id or birthday that nobody marked would keep its values after an erasure, so it fails here.
/// </summary>
public sealed partial class personal_data
{
    // Edits of records that hold no data about a person: their changes are deliberately not personal.
    private static readonly HashSet<string> ChangesWithoutPersonalData =
        ["opportunity.edited", "contract.edited", "product.edited", "scene.filter-changed", "task.edited", "calendar.event-edited"];

    [GeneratedRegex("phone|mobile|e-?mail|address|wechat|weixin|qq|birth", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalName();

    [Fact]
    public void every_field_named_like_personal_data_is_marked()
    {
        var unmarked = EventCatalogue.All
            .SelectMany(e => Properties(e.Type, e.Name, 0))
            .Where(p => PersonalName().IsMatch(p.Property.Name) && p.Property.GetCustomAttribute<PersonalDataAttribute>() is null)
            .Select(p => p.Path)
            .ToList();
        Assert.Empty(unmarked);
    }

    [Fact]
    public void only_text_is_marked_personal()
    {
        var wrong = EventCatalogue.All.SelectMany(e => Properties(e.Type, e.Name, 0))
            .Where(p => p.Property.GetCustomAttribute<PersonalDataAttribute>() is not null && p.Property.PropertyType != typeof(string))
            .Select(p => p.Path).ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void every_list_of_changes_says_whether_it_carries_personal_data()
    {
        var unclassified = EventCatalogue.All
            .SelectMany(e => e.Type.GetProperties().Select(p => (e.Name, Property: p)))
            .Where(p => p.Property.PropertyType == typeof(IReadOnlyList<FieldChange>))
            .Where(p => p.Property.GetCustomAttribute<PersonalChangesAttribute>() is null && !ChangesWithoutPersonalData.Contains(p.Name))
            .Select(p => p.Name + "." + p.Property.Name).ToList();
        Assert.Empty(unclassified);
    }

    [Fact]
    public void the_personal_fields_of_each_kind_are_the_documented_ones()
    {
        Assert.Equal(["address", "phone", "email", "remark"], CustomerFields.Personal);
        Assert.Equal(["name", "phone", "email", "address", "remark"], LeadFields.Personal);
        Assert.Equal(["name", "phone", "email", "address", "remark"], ContactFields.Personal);
    }

    [Fact]
    public void erased_fields_mask_exactly_the_personal_ones()
    {
        AssertErasedMasksPersonal(new CustomerFields("Acme", "A", "IT", "web", "east", "1 Road", "13800000000", "a@b.cn", "https://a.cn", "vip", ["x"]),
            f => f.Erased());
        AssertErasedMasksPersonal(new LeadFields("Li Lei", "Acme", "13800000000", "a@b.cn", "web", "IT", "A", "1 Road", "met at fair"), f => f.Erased());
        AssertErasedMasksPersonal(new ContactFields("Han Mei", "CTO", "13800000000", "a@b.cn", "1 Road", "likes tea"), f => f.Erased());
    }

    [Fact]
    public void an_absent_value_stays_absent()
    {
        var erased = new ContactFields("Han Mei").Erased();
        Assert.Equal(new ContactFields(PersonalData.Erased), erased);
    }

    private static void AssertErasedMasksPersonal<T>(T fields, Func<T, T> erase)
    {
        var erased = erase(fields);
        foreach (var property in typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod!.IsStatic == false))
        {
            var before = property.GetValue(fields);
            var after = property.GetValue(erased);
            if (property.GetCustomAttribute<PersonalDataAttribute>() is not null) Assert.Equal(PersonalData.Erased, after);
            else if (before is IEnumerable list and not string) Assert.Equal(list, (IEnumerable)after!);
            else Assert.Equal(before, after);
        }
    }

    private static IEnumerable<(PropertyInfo Property, string Path)> Properties(Type type, string path, int depth)
    {
        if (depth > 6) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var here = path + "." + property.Name;
            yield return (property, here);
            var inner = ElementOf(property.PropertyType);
            if (inner.IsClass && inner != typeof(string) && inner.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true)
            {
                foreach (var nested in Properties(inner, here, depth + 1)) yield return nested;
            }
        }
    }

    private static Type ElementOf(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ? Nullable.GetUnderlyingType(type) ?? type
        : type.IsArray ? type.GetElementType()!
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0] ?? typeof(object);
}
