using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Auth;

/// <summary>
/// auth.credentials, inline, so a new password works (and the old one stops) the moment the command
/// answers. The security stamp is the id of the last event that must end live sessions (a password
/// set, a disable): deterministic, so a rebuild gives the same stamps and tokens stay valid.
/// </summary>
public sealed class CredentialsProjection() : TableProjection<CredentialRow>("auth.credentials", CredentialSql.Binder)
{
    public override string Name => "auth.credentials";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(UserPasswordSet), typeof(UserDisabled)];

    protected override CredentialRow? Evolve(CredentialRow? current, Guid key, StoredEvent e) => e.Data switch
    {
        UserPasswordSet p => new CredentialRow(key, p.PasswordHash, e.EventId.ToString("N"), e.Timestamp),
        UserDisabled when current is not null => current with { SecurityStamp = e.EventId.ToString("N"), UpdatedAt = e.Timestamp },
        _ => current,
    };
}
