using Crm.Events.Org;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Auth;

/// <summary>
/// auth.credentials, inline, so a new password works (and the old one stops) the moment the command
/// answers. The security stamp is the id of the last event that must end live sessions (a password
/// set, a disable): deterministic, so a rebuild gives the same stamps and tokens stay valid.
/// </summary>
public sealed class CredentialsProjection : SingleStreamProjection<CredentialRow>
{
    public override string Name => "auth.credentials";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(UserPasswordSet), typeof(UserDisabled)];

    protected override CredentialRow? Evolve(CredentialRow? current, Guid key, StoredEvent e) => e.Data switch
    {
        UserPasswordSet p => new CredentialRow(key, p.PasswordHash, e.EventId.ToString("N"), e.Timestamp),
        UserDisabled when current is not null => current with { SecurityStamp = e.EventId.ToString("N"), UpdatedAt = e.Timestamp },
        _ => current,
    };

    protected override async Task<IReadOnlyDictionary<Guid, CredentialRow>> LoadAsync(
        IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            "select user_id, password_hash, security_stamp, updated_at from auth.credentials where user_id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, CredentialRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows[reader.GetGuid(0)] = new CredentialRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, CredentialRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into auth.credentials (user_id, password_hash, security_stamp, updated_at) values (@id, @hash, @stamp, @updated)
            on conflict (user_id) do update
                set password_hash = excluded.password_hash, security_stamp = excluded.security_stamp, updated_at = excluded.updated_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        cmd.Parameters.Add(new NpgsqlParameter<string>("hash", doc.PasswordHash));
        cmd.Parameters.Add(new NpgsqlParameter<string>("stamp", doc.SecurityStamp));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from auth.credentials where user_id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate auth.credentials");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
