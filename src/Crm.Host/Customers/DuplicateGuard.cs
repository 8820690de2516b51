using Crm.EventStore;
using Crm.Projections.Customers;

namespace Crm.Host.Customers;

/// <summary>
/// Keeps two creates that could be duplicates of each other from both being written. The duplicate
/// check reads the read models, and two creates with the same phone that run at once would each find
/// nothing; per-stream concurrency cannot see that (they are different streams). The create's append
/// therefore locks each normalized name, phone and e-mail inside its own transaction, and re-runs the
/// search there: a match the decision did not see (a twin that committed meanwhile) rolls the append
/// back and the command decides again, now seeing it. Creates with nothing in common never wait for
/// each other, and a create holds one pooled connection, never two.
/// </summary>
public sealed class DuplicateGuard(DuplicateQueries duplicates)
{
    /// <param name="names">Every value the check matches as a name (a lead's company too).</param>
    /// <param name="seen">The ids of the candidates the decision saw (read when the append re-checks).</param>
    public AppendGuard For(IReadOnlyList<string?> names, string? phone, string? email, Func<IReadOnlyCollection<Guid>> seen) =>
        new(Keys(names, phone, email), async (connection, tx, ct) =>
        {
            var known = seen();
            for (var i = 0; i < names.Count; i++)
            {
                // The first name is searched with the phone and e-mail, the others (a company) alone, as the decision does.
                var found = await duplicates.FindAsync(names[i], i == 0 ? phone : null, i == 0 ? email : null, connection, tx, ct);
                if (found.Any(m => !known.Contains(m.Id))) return false;
            }
            return true;
        });

    internal static IReadOnlyList<string> Keys(IEnumerable<string?> names, string? phone, string? email)
    {
        var keys = new List<string>(4);
        foreach (var name in names)
        {
            if (DuplicateKeys.Name(name) is { } n) keys.Add("name:" + n);
        }
        if (DuplicateKeys.Phone(phone) is { } digits) keys.Add("phone:" + digits);
        if (DuplicateKeys.Email(email) is { } e) keys.Add("email:" + e);
        return keys;
    }
}
