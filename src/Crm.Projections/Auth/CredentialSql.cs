using Crm.Projections.Tables;

namespace Crm.Projections.Auth;

/// <summary>auth.credentials by column name.</summary>
internal sealed class CredentialSql() : RowBinder<CredentialRow>("user_id", "user_id", "password_hash", "security_stamp", "updated_at")
{
    public static readonly CredentialSql Binder = new();

    public override CredentialRow Read(RowReader r) => new(r.Id("user_id"), r.Text("password_hash"), r.Text("security_stamp"), r.Time("updated_at"));

    public override void Write(CredentialRow row, RowValues v) =>
        v.Set("user_id", row.UserId).Set("password_hash", row.PasswordHash).Set("security_stamp", row.SecurityStamp).Set("updated_at", row.UpdatedAt);
}
