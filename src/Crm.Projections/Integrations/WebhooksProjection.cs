using System.Text.Json;
using Crm.Events;
using Crm.Events.Integrations;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Integrations;

/// <summary>A webhook as crm.webhooks has it.</summary>
public sealed record WebhookRow(
    Guid Id, string Name, string Url, string Secret, IReadOnlyList<string> EventTypes, IReadOnlyList<WebhookCondition> Filter, bool Enabled,
    bool Deleted, Guid CreatedBy, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WebhookRow? Evolve(WebhookRow? row, StoredEvent e) => e.Data switch
    {
        WebhookCreated x => new(x.WebhookId, x.Name, x.Url, x.Secret, x.EventTypes, x.Filter, true, false, x.CreatedBy, e.Version, e.Timestamp, e.Timestamp),
        WebhookChanged x when row is not null => row with
        {
            Name = x.Name, Url = x.Url, EventTypes = x.EventTypes, Filter = x.Filter, Enabled = x.Enabled, Version = e.Version, UpdatedAt = e.Timestamp,
        },
        WebhookDeleted when row is not null => row with { Deleted = true, Version = e.Version, UpdatedAt = e.Timestamp },
        WebhookRedeliveryRequested when row is not null => row with { Version = e.Version },
        _ => row,
    };
}

/// <summary>crm.webhooks by column name.</summary>
internal sealed class WebhookSql() : RowBinder<WebhookRow>("id", "id", "name", "url", "secret", "event_types", "filter", "enabled", "deleted",
    "created_by", "version", "created_at", "updated_at")
{
    public static readonly WebhookSql Binder = new();

    public override WebhookRow Read(RowReader r) => new(r.Id("id"), r.Text("name"), r.Text("url"), r.Text("secret"), r.Value<string[]>("event_types"),
        WebhookFilters.Read(r.Text("filter")), r.Flag("enabled"), r.Flag("deleted"), r.Id("created_by"), r.Long("version"), r.Time("created_at"),
        r.Time("updated_at"));

    public override void Write(WebhookRow row, RowValues v) =>
        v.Set("id", row.Id).Set("name", row.Name).Set("url", row.Url).Set("secret", row.Secret).Set("event_types", row.EventTypes.ToArray())
            .Json("filter", WebhookFilters.Write(row.Filter)).Set("enabled", row.Enabled).Set("deleted", row.Deleted).Set("created_by", row.CreatedBy)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}

/// <summary>crm.webhooks, inline with the webhook streams.</summary>
public sealed class WebhooksProjection() : TableProjection<WebhookRow>("crm.webhooks", WebhookSql.Binder)
{
    public override string Name => "crm.webhooks";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(WebhookCreated), typeof(WebhookChanged), typeof(WebhookDeleted), typeof(WebhookRedeliveryRequested)];

    protected override WebhookRow? Evolve(WebhookRow? current, Guid key, StoredEvent e) => WebhookRow.Evolve(current, e);
}

/// <summary>A webhook's filter as stored (jsonb) and as matched against an event's data.</summary>
public static class WebhookFilters
{
    public static string Write(IReadOnlyList<WebhookCondition> filter) => JsonSerializer.Serialize(filter, JsonSerializerOptions.Web);

    public static IReadOnlyList<WebhookCondition> Read(string json) =>
        JsonSerializer.Deserialize<List<WebhookCondition>>(json, JsonSerializerOptions.Web) ?? [];

    /// <summary>Every condition holds: the data at its path, as text (a string's value, else its JSON), equals the condition's text.</summary>
    public static bool Matches(IReadOnlyList<WebhookCondition> filter, JsonElement data) => filter.All(c =>
    {
        var node = data;
        foreach (var name in c.Path.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node)) return false;
        }
        var text = node.ValueKind == JsonValueKind.String ? node.GetString() : node.GetRawText();
        return string.Equals(text, c.EqualTo, StringComparison.Ordinal);
    });
}
