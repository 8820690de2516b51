using Crm.Events;
using System.Text.Json;
using Crm.Events.Settings;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Classification;

/// <summary>The thresholds as crm.customer_class_settings holds them: one row, the settings stream's, read by the class SQL.</summary>
public sealed record CustomerClassSettingsRow(Guid Id, CustomerClassThresholds Thresholds, DateTimeOffset UpdatedAt);

/// <summary>crm.customer_class_settings by column name; monetary is jsonb {"CNY":[b1,b2,b3,b4], …} for the class SQL to index.</summary>
internal sealed class CustomerClassSettingsSql() : RowBinder<CustomerClassSettingsRow>("id",
    "id", "recency_days", "frequency_counts", "monetary_basis", "monetary", "updated_at")
{
    public static readonly CustomerClassSettingsSql Binder = new();

    protected override string Select(string column) => column == "monetary" ? "monetary::text" : column;

    public override CustomerClassSettingsRow Read(RowReader r) => new(r.Id("id"), new CustomerClassThresholds(
        r.Value<int[]>("recency_days"), r.Value<int[]>("frequency_counts"), r.Text("monetary_basis"),
        [.. JsonSerializer.Deserialize<Dictionary<string, decimal[]>>(r.Text("monetary"))!.Select(p => new SpendBounds(p.Key, p.Value))]),
        r.Time("updated_at"));

    public override void Write(CustomerClassSettingsRow row, RowValues v) =>
        v.Set("id", row.Id).Set("recency_days", row.Thresholds.RecencyDays.ToArray()).Set("frequency_counts", row.Thresholds.FrequencyCounts.ToArray())
            .Set("monetary_basis", row.Thresholds.MonetaryBasis).Json("monetary", MonetaryJson(row.Thresholds)).Set("updated_at", row.UpdatedAt);

    /// <summary>The monetary bounds as the column (and the SQL default) hold them.</summary>
    public static string MonetaryJson(CustomerClassThresholds t) =>
        JsonSerializer.Serialize(t.Monetary.ToDictionary(m => m.Currency, m => m.Amounts.ToArray()));
}

/// <summary>crm.customer_class_settings, inline with the customer-classes stream: a change of thresholds applies to the next list read.</summary>
public sealed class CustomerClassSettingsProjection()
    : TableProjection<CustomerClassSettingsRow>("crm.customer_class_settings", CustomerClassSettingsSql.Binder)
{
    public override string Name => "crm.customer_class_settings";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CustomerClassesChanged)];

    // Each event carries the whole configuration.
    protected override CustomerClassSettingsRow? Evolve(CustomerClassSettingsRow? current, Guid key, StoredEvent e) => e.Data switch
    {
        CustomerClassesChanged c => new CustomerClassSettingsRow(key, CustomerClassThresholds.From(c), e.Timestamp),
        _ => current,
    };
}
