using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Crm.Host.Auth;

/// <summary>
/// The data-protection key ring in auth.data_protection_keys, so every host (and every restart)
/// accepts the tokens the others issued. The interface is synchronous; key reads are rare (the ring
/// is cached and refreshed about daily, or when a token names an unknown key).
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = dataSource.CreateCommand("select xml from auth.data_protection_keys order by created_at, name");
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = dataSource.CreateCommand("insert into auth.data_protection_keys (name, xml) values (@name, @xml) on conflict (name) do nothing");
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", friendlyName));
        cmd.Parameters.Add(new NpgsqlParameter<string>("xml", element.ToString(SaveOptions.DisableFormatting)));
        cmd.ExecuteNonQuery();
    }
}
