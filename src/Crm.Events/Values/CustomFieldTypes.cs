namespace Crm.Events;

/// <summary>The record kinds that carry custom fields and the types a custom field can have (SET-1), as the API spells them.</summary>
public static class CustomFieldTypes
{
    public const string Text = "text";
    public const string LongText = "long_text";
    public const string Number = "number";
    public const string Money = "money";
    public const string Date = "date";
    public const string DateTime = "datetime";
    public const string SingleSelect = "single_select";
    public const string MultiSelect = "multi_select";
    public const string Boolean = "boolean";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string User = "user";

    public static IReadOnlyList<string> All { get; } =
        [Text, LongText, Number, Money, Date, DateTime, SingleSelect, MultiSelect, Boolean, Phone, Email, User];

    /// <summary>The types whose values may be declared unique (compared exactly, as stored).</summary>
    public static IReadOnlyList<string> Uniqueable { get; } = [Text, Number, Phone, Email];

    public static bool IsSelect(string type) => type is SingleSelect or MultiSelect;

    /// <summary>The record kinds with custom fields, as routes and the metadata endpoint name them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["lead", "customer", "contact", "opportunity", "contract", "product"];
}
