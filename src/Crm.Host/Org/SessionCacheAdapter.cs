using Crm.Host.Auth;
using Crm.Write.Org;

namespace Crm.Host.Org;

/// <summary>The user handler's view of this host's session cache: a user write makes it forget the user.</summary>
internal sealed class SessionCacheAdapter(UserSessions sessions) : IUserSessionCache
{
    public void Forget(Guid userId) => sessions.Forget(userId);
}
