using Crm.Events;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Reports;

/// <summary>
/// The visibility predicates of the reports, one per kind of record, written as the kind's list writes its own (owner in scope,
/// or the caller on the record's team), so a report counts exactly what the caller's lists show. Each kind has its own owner
/// parameter; <c>@viewer</c> is the caller.
/// </summary>
internal static class ReportVisibility
{
    public static string Leads(ReportScopes s, string alias) => Owned(s.Leads, $"{alias}.owner_id", "lead_owners", null);

    public static string Customers(ReportScopes s, string alias) => Owned(s.Customers, $"{alias}.owner_id", "customer_owners",
        $"exists (select 1 from crm.customer_team t where t.customer_id = {alias}.id and t.user_id = @viewer)");

    public static string Opportunities(ReportScopes s, string alias) => Owned(s.Opportunities, $"{alias}.owner_id", "opportunity_owners",
        $"exists (select 1 from crm.opportunity_team t where t.opportunity_id = {alias}.id and t.user_id = @viewer)");

    /// <summary>
    /// A follow-up is seen where its record's follow-ups are listed: a lead's on the lead (lead visible); a customer's, a contact's and an
    /// opportunity's on the customer (customer visible), an opportunity's only when the opportunity is visible too (as the customer's list).
    /// </summary>
    public static string FollowUps(ReportScopes s, string alias) =>
        $"""
        (({alias}.record_type = 'lead' and exists (select 1 from crm.leads l where l.id = {alias}.record_id and {Leads(s, "l")}))
         or ({alias}.customer_id is not null and exists (select 1 from crm.customers c where c.id = {alias}.customer_id and {Customers(s, "c")})
             and ({alias}.record_type <> 'opportunity'
                  or exists (select 1 from crm.opportunities o where o.id = {alias}.record_id and {Opportunities(s, "o")}))))
        """;

    // The reports' own rows are read as one set of ids from two indexes — the scope's owners' rows within the range (an index led by
    // the owner), and the rows of the caller's teams — not as "owner in scope or exists (team row)": an OR across two tables can use
    // neither index, and a department's report would read the whole range of everyone's rows (as ReceivableQueries found for aging).

    /// <summary>Customers created in the range that the caller lists.</summary>
    public static string CustomersCreated(ReportScopes s) => Ids(s.Customers, "c.id",
        "select x.id from crm.customers x where x.owner_id = any(@customer_owners) and x.created_at >= @start and x.created_at < @end",
        "select t.customer_id from crm.customer_team t where t.user_id = @viewer");

    /// <summary>Contracts approved in the range that the caller lists.</summary>
    public static string ContractsApproved(ReportScopes s) => Ids(s.Contracts, "k.id",
        $"select x.id from crm.contracts x where x.owner_id = any(@contract_owners) and x.status = '{ApprovalStatus.Approved}' "
        + "and x.approved_at >= @start and x.approved_at < @end", "select t.contract_id from crm.contract_team t where t.user_id = @viewer");

    /// <summary>Approved payments received in the range that the caller lists (owner in scope, or on the contract's team).</summary>
    public static string PaymentsReceived(ReportScopes s) => Ids(s.Payments, "p.id",
        $"select x.id from crm.payments x where x.owner_id = any(@payment_owners) and x.status = '{ApprovalStatus.Approved}' "
        + "and x.received_on between @from_day and @to_day",
        "select x.id from crm.contract_team t join crm.payments x on x.contract_id = t.contract_id where t.user_id = @viewer");

    /// <summary>Instalments planned in the range that the caller lists (as the payments of their contract).</summary>
    public static string InstalmentsPlanned(ReportScopes s) => Ids(s.Payments, "pp.plan_id",
        "select x.plan_id from crm.payment_plans x where x.owner_id = any(@payment_owners) and x.planned_on between @from_day and @to_day",
        "select x.plan_id from crm.contract_team t join crm.payment_plans x on x.contract_id = t.contract_id where t.user_id = @viewer");

    private static string Ids(OwnerScope scope, string id, string owned, string team) => scope switch
    {
        { All: true } => "true",
        { OwnerIds.Count: 0 } => "false",
        _ => $"{id} in ({owned} union all {team})",
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
