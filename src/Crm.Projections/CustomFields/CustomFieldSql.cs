using System.Text.Json;
using Crm.Events;
using Crm.Events.CustomFields;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.CustomFields;

/// <summary>crm.custom_fields by column name, shared by the projection and the queries.</summary>
internal sealed class CustomFieldSql() : RowBinder<CustomFieldRow>("id",
    "id", "kind", "key", "label", "type", "required", "is_unique", "default_value", "options", "position", "retired", "version", "created_at",
    "updated_at")
{
    public static readonly CustomFieldSql Binder = new();

    protected override string Select(string column) => column is "default_value" or "options" ? column + "::text" : column;

    public override CustomFieldRow Read(RowReader r) => new(r.Id("id"), new CustomFieldDefinition(
            r.Text("kind"), r.Text("key"), r.Text("label"), r.Text("type"), r.Flag("required"), r.Flag("is_unique"),
            r.TextOrNull("default_value") is { } d ? JsonSerializer.Deserialize<JsonElement>(d) : null,
            JsonSerializer.Deserialize<List<CustomFieldOption>>(r.Text("options"), Json)!, r.Int("position")),
        r.Flag("retired"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(CustomFieldRow row, RowValues v)
    {
        var d = row.Definition;
        v.Set("id", row.Id).Set("kind", d.Kind).Set("key", d.Key).Set("label", d.Label).Set("type", d.Type).Set("required", d.Required)
            .Set("is_unique", d.Unique).Json("default_value", CustomJson.Canonical(d.Default)).Json("options", JsonSerializer.Serialize(d.Options, Json))
            .Set("position", d.Order).Set("retired", row.Retired).Set("version", row.Version).Set("created_at", row.CreatedAt)
            .Set("updated_at", row.UpdatedAt);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>crm.custom_fields, inline: a record's write reads its kind's definitions, and must see a field defined a moment ago.</summary>
public sealed class CustomFieldsProjection() : TableProjection<CustomFieldRow>("crm.custom_fields", CustomFieldSql.Binder)
{
    public override string Name => "crm.custom_fields";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CustomFieldDefined), typeof(CustomFieldChanged), typeof(CustomFieldRetired)];

    protected override CustomFieldRow? Evolve(CustomFieldRow? current, Guid key, StoredEvent e) => CustomFieldRow.Evolve(current, e);
}
