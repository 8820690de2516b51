using Crm.Events;
using Crm.Events.CustomFields;
using Crm.EventStore;

namespace Crm.Projections.CustomFields;

/// <summary>A custom field as the settings screen, the metadata endpoint and the deciders' facts see it: one row of crm.custom_fields.</summary>
public sealed record CustomFieldRow(Guid Id, CustomFieldDefinition Definition, bool Retired, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CustomFieldRow? Evolve(CustomFieldRow? row, StoredEvent e) => e.Data switch
    {
        CustomFieldDefined d => new CustomFieldRow(d.FieldId, d.Definition, false, e.Version, e.Timestamp, e.Timestamp),
        CustomFieldChanged c when row is not null => row with { Definition = c.Definition, Version = e.Version, UpdatedAt = e.Timestamp },
        CustomFieldRetired when row is not null => row with { Retired = true, Version = e.Version, UpdatedAt = e.Timestamp },
        _ => row,
    };
}
