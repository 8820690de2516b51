using Npgsql;
using NpgsqlTypes;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>A lead or customer that looks like a record being created; the write side turns these into its duplicate candidates.</summary>
/// <param name="Kind">"lead" or "customer".</param>
/// <param name="MatchedOn">Which of name, phone, email matched.</param>
public sealed record DuplicateMatch(string Kind, Guid Id, string Name, IReadOnlyList<string> MatchedOn);

/// <summary>
/// Duplicate detection (CUS-9): same name or e-mail (case-insensitive) or same phone digits, among
/// leads not yet converted and customers. Deliberately unscoped: a duplicate owned by a colleague is
/// still a duplicate (the API shows only what the caller may see of it).
/// </summary>
public sealed class DuplicateQueries(NpgsqlDataSource dataSource)
{
    public const int MaxMatches = 20;

    public Task<IReadOnlyList<DuplicateMatch>> FindAsync(string? name, string? phone, string? email, CancellationToken ct = default) =>
        FindAsync(name, phone, email, null, null, ct);

    /// <summary>The same search on a given connection, inside an append's transaction (the re-check under its locks).</summary>
    public async Task<IReadOnlyList<DuplicateMatch>> FindAsync(
        string? name, string? phone, string? email, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct = default)
    {
        var (n, e, p) = (DuplicateKeys.Name(name), DuplicateKeys.Email(email), DuplicateKeys.Phone(phone));
        if (n is null && e is null && p is null) return [];

        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        // The limit is a literal, not a parameter: with "limit @max" PostgreSQL judged its generic plan
        // dearer than a custom one and planned this statement on every create (285 of 316 µs).
        cmd.CommandText =
            $$"""
            select kind, id, name, matched from (
                select 'customer' as kind, id, name, array_remove(array[
                    case when lower(name) = @n then 'name' end,
                    case when regexp_replace(phone, '\D', '', 'g') = @p then 'phone' end,
                    case when lower(email) = @e then 'email' end], null) as matched
                from crm.customers
                where lower(name) = @n or lower(email) = @e or regexp_replace(phone, '\D', '', 'g') = @p
                union all
                select 'lead', id, coalesce(company, name), array_remove(array[
                    case when lower(name) = @n or lower(company) = @n then 'name' end,
                    case when regexp_replace(phone, '\D', '', 'g') = @p then 'phone' end,
                    case when lower(email) = @e then 'email' end], null)
                from crm.leads
                where converted_customer_id is null
                  and (lower(name) = @n or lower(company) = @n or lower(email) = @e or regexp_replace(phone, '\D', '', 'g') = @p)
            ) candidates
            order by kind, id
            limit {{MaxMatches}}
            """;
        cmd.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Text) { Value = (object?)n ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("e", NpgsqlDbType.Text) { Value = (object?)e ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Text) { Value = (object?)p ?? DBNull.Value });
        var matches = new List<DuplicateMatch>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var r = new RowReader(reader);
            matches.Add(new DuplicateMatch(r.Text("kind"), r.Id("id"), r.Text("name"), r.Value<string[]>("matched")));
        }
        return matches;
    }
}
