using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Auth;

/// <summary>
/// The SQL of auth.data_protection_keys: the key ring every host shares (the Host's PostgresXmlRepository
/// adapts it to ASP.NET Core). Synchronous, as the data-protection interface is; key reads are rare.
/// </summary>
public sealed class DataProtectionKeys(NpgsqlDataSource dataSource)
{
    /// <summary>Every stored key's XML, oldest first.</summary>
    public IReadOnlyList<string> All()
    {
        using var cmd = dataSource.CreateCommand("select xml from auth.data_protection_keys order by created_at, name");
        using var reader = cmd.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(new RowReader(reader).Text("xml"));
        return keys;
    }

    /// <summary>Stores a key once (a name already stored is left as it is).</summary>
    public void Store(string name, string xml)
    {
        using var cmd = dataSource.CreateCommand("insert into auth.data_protection_keys (name, xml) values (@name, @xml) on conflict (name) do nothing");
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        cmd.Parameters.Add(new NpgsqlParameter<string>("xml", xml));
        cmd.ExecuteNonQuery();
    }
}
