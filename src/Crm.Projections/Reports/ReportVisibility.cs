using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Reports;

/// <summary>
/// The visibility of the reports' rows, per kind of record, as the kind's list decides it (owner in scope, or the caller on the
/// record's team), so a report counts exactly what the caller's lists show. Each kind has its own owner parameter; <c>@viewer</c> is
/// the caller. A scoped kind with teams is read in two branches, summed afterwards: the scope's owners' rows (an index led by the
/// owner serves the range) and the rows of the caller's teams owned by no one in the scope (so none is counted twice). One predicate
/// "owner in scope or exists (team row)" would let no index serve it: a department's report measured 3× slower on a million customers.
/// </summary>
internal static class ReportVisibility
{
    public static IReadOnlyList<string> Leads(ReportScopes s) => Branches(s.Leads, "l.owner_id", "lead_owners", null, null);

    public static IReadOnlyList<string> Customers(ReportScopes s) => Branches(s.Customers, "c.owner_id", "customer_owners", "c.id",
        "select t.customer_id from crm.customer_team t where t.user_id = @viewer");

    /// <summary>Contracts (aliased k).</summary>
    public static IReadOnlyList<string> Contracts(ReportScopes s) => Branches(s.Contracts, "k.owner_id", "contract_owners", "k.id", ContractTeams);

    /// <summary>Payments (p) and payment plans (pp): their owner in the payment scope, or the caller on their contract's team.</summary>
    public static IReadOnlyList<string> Payments(ReportScopes s, string alias) =>
        Branches(s.Payments, $"{alias}.owner_id", "payment_owners", $"{alias}.contract_id", ContractTeams);

    /// <summary>
    /// A follow-up is seen where its record's follow-ups are listed: a lead's on the lead (lead visible); a customer's, a contact's and an
    /// opportunity's on the customer (customer visible), an opportunity's only when the opportunity is visible too (as the customer's list).
    /// </summary>
    public static IReadOnlyList<string> FollowUps(ReportScopes s) =>
    [
        $"""
        ((f.record_type = 'lead' and exists (select 1 from crm.leads l where l.id = f.record_id and {Owned(s.Leads, "l.owner_id", "lead_owners", null)}))
         or (f.customer_id is not null and exists (select 1 from crm.customers c where c.id = f.customer_id and {Owned(s.Customers, "c.owner_id",
                 "customer_owners", "exists (select 1 from crm.customer_team t where t.customer_id = c.id and t.user_id = @viewer)")})
             and (f.record_type <> 'opportunity' or exists (select 1 from crm.opportunities o where o.id = f.record_id and {Owned(s.Opportunities,
                 "o.owner_id", "opportunity_owners", "exists (select 1 from crm.opportunity_team t where t.opportunity_id = o.id and t.user_id = @viewer)")}))))
        """,
    ];

    private const string ContractTeams = "select t.contract_id from crm.contract_team t where t.user_id = @viewer";

    private static IReadOnlyList<string> Branches(OwnerScope scope, string owner, string parameter, string? teamKey, string? teamIds) => scope switch
    {
        { All: true } => ["true"],
        { OwnerIds.Count: 0 } => ["false"],
        _ when teamKey is null => [$"{owner} = any(@{parameter})"],
        _ => [$"{owner} = any(@{parameter})", $"{teamKey} in ({teamIds}) and coalesce({owner} <> all(@{parameter}), true)"],
    };

    private static string Owned(OwnerScope scope, string owner, string parameter, string? team) => scope switch
    {
        { All: true } => "true",
        { OwnerIds.Count: 0 } => "false",
        _ when team is null => $"{owner} = any(@{parameter})",
        _ => $"({owner} = any(@{parameter}) or {team})",
    };

    public static void AddParameters(NpgsqlParameterCollection p, ReportScopes s)
    {
        p.Add(new NpgsqlParameter<Guid>("viewer", s.ViewerId));
        p.Add(new NpgsqlParameter<Guid[]>("lead_owners", [.. s.Leads.OwnerIds]));
        p.Add(new NpgsqlParameter<Guid[]>("customer_owners", [.. s.Customers.OwnerIds]));
        p.Add(new NpgsqlParameter<Guid[]>("opportunity_owners", [.. s.Opportunities.OwnerIds]));
        p.Add(new NpgsqlParameter<Guid[]>("contract_owners", [.. s.Contracts.OwnerIds]));
        p.Add(new NpgsqlParameter<Guid[]>("payment_owners", [.. s.Payments.OwnerIds]));
    }

    public static void AddNarrowing(NpgsqlParameterCollection p, IReadOnlyList<Guid>? owners) =>
        p.Add(new NpgsqlParameter("narrow", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = owners is null ? DBNull.Value : owners.ToArray() });
}
