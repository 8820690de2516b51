using Crm.Write;

namespace Crm.Host.DataSync;

/// <summary>The refusals the integration routes add to the kinds' own.</summary>
public static class DataSyncRefusals
{
    /// <summary>A create-only field sent with an update: said, not silently ignored.</summary>
    public static DomainError NotEditable(string field, string instead) =>
        DomainError.Invalid(field, "field_not_editable", $"{field} is set when the record is created; to change it, use {instead}.");
}
