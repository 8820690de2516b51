using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>One import row's key, normalised by the caller (lower-case name and e-mail, phone digits; null: no key).</summary>
public sealed record ImportKeys(int Row, string? Name, string? Email, string? Phone);

/// <summary>An existing customer or open lead that one import row matches on one field.</summary>
/// <param name="Kind">"customer" or "lead".</param>
/// <param name="Field">name, email or phone.</param>
public sealed record ImportMatch(int Row, string Kind, Guid Id, string Name, string Field);

/// <summary>
/// The import's duplicate search (CUS-9): every row of a batch against customers and open leads in
/// one query — the same keys as <see cref="DuplicateQueries"/>, for a thousand rows at a time.
/// </summary>
public sealed class ImportDuplicateQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ImportMatch>> MatchAsync(IReadOnlyList<ImportKeys> rows, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            with i as (select * from unnest(@rows::int[], @names::text[], @emails::text[], @phones::text[]) as t(row, n, e, p))
            -- LATERAL: one index probe per row and key (lower(name), lower(email), phone digits, lower(company)), never a
            -- hash join that computes the expressions over the whole table for every batch.
            select i.row, m.kind, m.id, m.name, m.field from i cross join lateral (
                select 'customer' as kind, c.id, c.name, 'name' as field from crm.customers c where i.n is not null and lower(c.name) = i.n
                union all select 'customer', c.id, c.name, 'email' from crm.customers c where i.e is not null and lower(c.email) = i.e
                union all select 'customer', c.id, c.name, 'phone' from crm.customers c
                    where i.p is not null and regexp_replace(c.phone, '\D', '', 'g') = i.p
                union all select 'lead', l.id, coalesce(l.company, l.name), 'name' from crm.leads l
                    where i.n is not null and lower(l.name) = i.n and l.converted_customer_id is null
                union all select 'lead', l.id, coalesce(l.company, l.name), 'name' from crm.leads l
                    where i.n is not null and lower(l.company) = i.n and l.converted_customer_id is null
                union all select 'lead', l.id, coalesce(l.company, l.name), 'email' from crm.leads l
                    where i.e is not null and lower(l.email) = i.e and l.converted_customer_id is null
                union all select 'lead', l.id, coalesce(l.company, l.name), 'phone' from crm.leads l
                    where i.p is not null and regexp_replace(l.phone, '\D', '', 'g') = i.p and l.converted_customer_id is null
            ) m
            """);
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("rows", rows.Select(r => r.Row).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("names", rows.Select(r => r.Name).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("emails", rows.Select(r => r.Email).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("phones", rows.Select(r => r.Phone).ToArray()));
        var matches = new List<ImportMatch>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var row = new RowReader(reader);
        while (await reader.ReadAsync(ct)) matches.Add(new(row.Int("row"), row.Text("kind"), row.Id("id"), row.Text("name"), row.Text("field")));
        return matches;
    }
}
