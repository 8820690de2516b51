using System.Xml.Linq;
using Crm.Projections.Auth;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Crm.Host.Auth;

/// <summary>
/// The data-protection key ring kept in PostgreSQL (<see cref="DataProtectionKeys"/>), so every host (and every restart)
/// accepts the tokens the others issued. The interface is synchronous; key reads are rare (the ring
/// is cached and refreshed about daily, or when a token names an unknown key).
/// </summary>
public sealed class PostgresXmlRepository(DataProtectionKeys keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => keys.All().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName) => keys.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
