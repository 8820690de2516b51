using Crm.Events.Integrations;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Integrations;

/// <summary>An API token as crm.api_tokens has it (the secret's SHA-256 only).</summary>
public sealed record ApiTokenRow(
    Guid Id, string Name, string SecretHash, IReadOnlyList<string> Permissions, string DataScope, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
    Guid CreatedBy, long Version, DateTimeOffset CreatedAt)
{
    public static ApiTokenRow? Evolve(ApiTokenRow? row, StoredEvent e) => e.Data switch
    {
        ApiTokenCreated x => new(x.TokenId, x.Name, x.SecretHash, x.Permissions, x.DataScope, x.ExpiresAt, null, x.CreatedBy, e.Version, e.Timestamp),
        ApiTokenRevoked when row is not null => row with { RevokedAt = e.Timestamp, Version = e.Version },
        _ => row,
    };
}

/// <summary>crm.api_tokens by column name.</summary>
internal sealed class ApiTokenSql() : RowBinder<ApiTokenRow>("id", "id", "name", "secret_hash", "permissions", "data_scope", "expires_at", "revoked_at",
    "created_by", "version", "created_at")
{
    public static readonly ApiTokenSql Binder = new();

    public override ApiTokenRow Read(RowReader r) => new(r.Id("id"), r.Text("name"), r.Text("secret_hash"), r.Value<string[]>("permissions"),
        r.Text("data_scope"), r.Time("expires_at"), r.TimeOrNull("revoked_at"), r.Id("created_by"), r.Long("version"), r.Time("created_at"));

    public override void Write(ApiTokenRow row, RowValues v) =>
        v.Set("id", row.Id).Set("name", row.Name).Set("secret_hash", row.SecretHash).Set("permissions", row.Permissions.ToArray())
            .Set("data_scope", row.DataScope).Set("expires_at", row.ExpiresAt).Time("revoked_at", row.RevokedAt).Set("created_by", row.CreatedBy)
            .Set("version", row.Version).Set("created_at", row.CreatedAt);
}

/// <summary>crm.api_tokens, inline with the api-token streams.</summary>
public sealed class ApiTokensProjection() : TableProjection<ApiTokenRow>("crm.api_tokens", ApiTokenSql.Binder)
{
    public override string Name => "crm.api_tokens";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ApiTokenCreated), typeof(ApiTokenRevoked)];

    protected override ApiTokenRow? Evolve(ApiTokenRow? current, Guid key, StoredEvent e) => ApiTokenRow.Evolve(current, e);
}
