using Crm.Projections.Org;

namespace Crm.Write.Access;

/// <summary>Looks a receiving user up and applies <see cref="RecordAccess.Receiver"/>: the one receiver check of every record kind.</summary>
public sealed class Receivers(UserQueries users)
{
    /// <summary>
    /// Null when <paramref name="userId"/> may receive a record under <paramref name="scope"/>; else the refusal naming
    /// <paramref name="field"/>.
    /// </summary>
    public async Task<DomainError?> CheckAsync(Guid? userId, string field, OwnerScope scope, CancellationToken ct)
    {
        if (userId is not { } id || id == Guid.Empty) return RecordAccess.Receiver(userId, null, field, scope);
        var user = await users.GetAsync(id, ct);
        return RecordAccess.Receiver(id, user is null ? null : new ReceiverOnFile(user.Id, user.IsDisabled), field, scope);
    }

    /// <summary>
    /// Each user of a list once, with the index it first stands at (for the field's name): a list repeating one id thousands of times is
    /// looked up once, not once per entry.
    /// </summary>
    public static IEnumerable<(Guid Id, int Index)> Once(IReadOnlyList<Guid> users)
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < users.Count; i++) if (seen.Add(users[i])) yield return (users[i], i);
    }
}
