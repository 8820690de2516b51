namespace Crm.Events;

/// <summary>
/// A value about a data subject (a person's name, phone, e-mail, address, a remark that typically holds such things): an erasure
/// (customer, lead, contact: docs/event-store.md, "Erasure") replaces it with <see cref="PersonalData.Erased"/> in every earlier event
/// of the subject's stream. Only on string properties. Put it on the record's constructor parameter's property ([property: PersonalData]).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>
/// On a list of <see cref="FieldChange"/>: the changes naming a [PersonalData] property of <see cref="FieldsType"/> carry personal data in
/// their old and new values (the field's name itself is not personal).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalChangesAttribute(Type fieldsType) : Attribute
{
    public Type FieldsType { get; } = fieldsType;
}
