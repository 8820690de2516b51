using System.Globalization;
using Crm.Events;
using Crm.Projections.Tables;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Payments;

/// <summary>A contract's receivable for one day: what is left, and what of it is overdue (instalments planned before that day, unpaid).</summary>
/// <param name="DaysOverdue">Days since the oldest unpaid instalment's planned date, when it is before the day; else 0.</param>
public sealed record ReceivableRow(
    Guid ContractId, string ContractNumber, Guid CustomerId, Guid OwnerId, string Status, string Currency, decimal ContractAmount, decimal ApprovedAmount,
    decimal ReceivableAmount, int PaymentsCount, DateOnly? LastReceivedOn, DateOnly? NextDueOn, decimal? NextDueAmount, decimal OverdueAmount,
    int DaysOverdue, DateTimeOffset UpdatedAt);

/// <summary>One aging bucket of one currency: the unpaid instalments planned 1–30 (bucket "0-30"), 31–60, 61–90 or more than 90 days ago.</summary>
public sealed record AgingBucket(string Currency, string Bucket, int Instalments, int Contracts, decimal Amount);

/// <summary>A customer's receivables in one currency: its approved contracts in scope, summed.</summary>
public sealed record CustomerReceivable(string Currency, int Contracts, decimal ContractAmount, decimal ApprovedAmount, decimal ReceivableAmount,
    decimal OverdueAmount);

/// <summary>An instalment whose reminder day (or the horizon asked) has come and that approved payments do not fully cover.</summary>
public sealed record DuePlan(
    Guid ContractId, string ContractNumber, Guid CustomerId, Guid OwnerId, Guid PlanId, int Instalment, string Currency, decimal Amount,
    decimal Outstanding, DateOnly PlannedOn, DateOnly? RemindOn, string? Method, int DaysUntilDue);

/// <summary>
/// Which receivables a list shows: approved contracts whose owner is in <paramref name="Scope"/> or whose team <paramref name="ViewerId"/>
/// is on, optionally only overdue ones.
/// </summary>
public sealed record ReceivableListRequest(OwnerScope Scope, Guid? ViewerId, DateOnly Today, int Limit, string? Cursor = null, Guid? CustomerId = null,
    Guid? OwnerId = null, bool OverdueOnly = false);

/// <summary>Reads of crm.receivables and crm.receivable_plans (async: they trail the latest writes by the daemon's delay).</summary>
public sealed class ReceivableQueries(NpgsqlDataSource dataSource)
{
    private const string Columns =
        """
        r.contract_id, r.contract_number, r.customer_id, r.owner_id, r.status, r.currency, r.contract_amount, r.approved_amount, r.receivable_amount,
        r.payments_count, r.last_received_on, r.next_due_on, r.next_due_amount, r.updated_at,
        greatest(0, coalesce((select max(p.due_through) from crm.receivable_plans p where p.contract_id = r.contract_id and p.planned_on < @today), 0)
            - r.approved_amount) as overdue_amount,
        case when r.next_due_on < @today then @today - r.next_due_on else 0 end as days_overdue
        """;

    // A receivable is reached through its contract: its owner in scope, or the caller on the contract's team (as the contract and its
    // payments are listed). Written as one set of contract ids from two indexes, not as "owner in scope or exists (team row)": an OR
    // across two tables cannot use either index, and the aging of 50 owners then read every approved contract (ops/bench figure 9:
    // 47 → 473 ms at p50). Everyone's scope adds no condition at all, so its plan never carries the other's.
    private static string Scope(OwnerScope scope) => scope.All ? "true" :
        """
        r.contract_id in (select o.contract_id from crm.receivables o where o.owner_id = any(@owners) and o.status = 'approved'
                          union all select t.contract_id from crm.contract_team t where t.user_id = @viewer)
        """;

    /// <summary>Approved contracts' receivables in scope, newest contract first (keyset on the contract id).</summary>
    public async Task<Page<ReceivableRow>> ListAsync(ReceivableListRequest request, CancellationToken ct = default)
    {
        var after = KeysetCursor.TryDecode(request.Cursor, out var position);
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {Columns} from crm.receivables r
            where r.status = 'approved' and {Scope(request.Scope)}
              {(request.CustomerId is null ? "" : "and r.customer_id = @customer")}
              {(request.OwnerId is null ? "" : "and r.owner_id = @owner")}
              {(request.OverdueOnly ? "and r.next_due_on < @today" : "")}
              {(after ? "and r.contract_id < @after" : "")}
            order by r.contract_id desc
            limit {request.Limit + 1}
            """);
        AddScope(cmd.Parameters, request.Scope, request.ViewerId, request.Today);
        if (request.CustomerId is { } customer) cmd.Parameters.Add(new NpgsqlParameter<Guid>("customer", customer));
        if (request.OwnerId is { } owner) cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", owner));
        if (after) cmd.Parameters.Add(new NpgsqlParameter<Guid>("after", position.Id));
        var rows = await ReadAsync(cmd, ct);
        if (rows.Count <= request.Limit) return new Page<ReceivableRow>(rows, null);
        rows.RemoveAt(request.Limit);
        return new Page<ReceivableRow>(rows, KeysetCursor.Encode("", rows[^1].ContractId));
    }

    /// <summary>One contract's receivable (whatever its status); null when it has none (no such contract, voided, deleted, not computed yet).</summary>
    public async Task<ReceivableRow?> GetAsync(Guid contractId, DateOnly today, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from crm.receivables r where r.contract_id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", contractId));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("today", today));
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>
    /// A customer's receivables (approved contracts the caller reaches: owner in scope or on the team), per currency: amounts are never
    /// added across currencies.
    /// </summary>
    public async Task<IReadOnlyList<CustomerReceivable>> OfCustomerAsync(Guid customerId, OwnerScope scope, Guid? viewerId, DateOnly today,
        CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select r.currency, count(*)::int as contracts, sum(r.contract_amount) as contract_amount, sum(r.approved_amount) as approved_amount,
                   sum(r.receivable_amount) as receivable_amount, sum(greatest(0, coalesce((select max(p.due_through) from crm.receivable_plans p
                       where p.contract_id = r.contract_id and p.planned_on < @today), 0) - r.approved_amount)) as overdue_amount
            from crm.receivables r
            where r.status = 'approved' and r.customer_id = @customer and {Scope(scope)}
            group by r.currency order by r.currency
            """);
        AddScope(cmd.Parameters, scope, viewerId, today);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        var sums = new List<CustomerReceivable>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            sums.Add(new CustomerReceivable(r.Text("currency"), r.Int("contracts"), r.Value<decimal>("contract_amount"), r.Value<decimal>("approved_amount"),
                r.Value<decimal>("receivable_amount"), r.Value<decimal>("overdue_amount")));
        }
        return sums;
    }

    /// <summary>The contract's instalments in payment order, each with what is left of it.</summary>
    public async Task<IReadOnlyList<CoveredPlan>> PlansAsync(Guid contractId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            select plan_id, instalment, amount, planned_on, method, remind_days_before, due_through, outstanding
            from crm.receivable_plans where contract_id = @id order by planned_on, instalment, plan_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", contractId));
        var plans = new List<CoveredPlan>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            plans.Add(new CoveredPlan(new ReceivablePlan(r.Id("plan_id"), r.Int("instalment"), r.Value<decimal>("amount"), r.Value<DateOnly>("planned_on"),
                r.TextOrNull("method"), r.Value<int?>("remind_days_before")), r.Value<decimal>("due_through"), r.Value<decimal>("outstanding")));
        }
        return plans;
    }

    /// <summary>Aging (账龄) in scope: every unpaid instalment planned before <paramref name="today"/>, by days overdue and currency.</summary>
    public async Task<IReadOnlyList<AgingBucket>> AgingAsync(OwnerScope scope, Guid? viewerId, DateOnly today, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select r.currency, case when @today - p.planned_on <= 30 then '0-30' when @today - p.planned_on <= 60 then '31-60'
                                    when @today - p.planned_on <= 90 then '61-90' else '90+' end as bucket,
                   count(*)::int as instalments, count(distinct r.contract_id)::int as contracts, sum(p.outstanding) as amount
            from crm.receivable_plans p join crm.receivables r on r.contract_id = p.contract_id
            where r.status = 'approved' and {Scope(scope)} and p.outstanding > 0 and p.planned_on < @today
            group by 1, 2 order by 1, 2
            """);
        AddScope(cmd.Parameters, scope, viewerId, today);
        var buckets = new List<AgingBucket>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
            buckets.Add(new AgingBucket(r.Text("currency"), r.Text("bucket"), r.Int("instalments"), r.Int("contracts"), r.Value<decimal>("amount")));
        return buckets;
    }

    /// <summary>
    /// Instalments of approved contracts in scope not fully paid whose reminder day has come (planned_on − remind_days_before ≤ today) or,
    /// with <paramref name="days"/>, that are planned within that many days (overdue ones included); oldest planned date first.
    /// </summary>
    public async Task<Page<DuePlan>> DueAsync(OwnerScope scope, Guid? viewerId, DateOnly today, int? days, int limit, string? cursor,
        CancellationToken ct = default)
    {
        var after = KeysetCursor.TryDecode(cursor, out var position)
            && DateOnly.TryParseExact(position.SortValue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        await using var cmd = dataSource.CreateCommand(
            $"""
            select r.contract_id, r.contract_number, r.customer_id, r.owner_id, r.currency, p.plan_id, p.instalment, p.amount, p.outstanding,
                   p.planned_on, p.remind_on, p.method
            from crm.receivable_plans p join crm.receivables r on r.contract_id = p.contract_id
            where r.status = 'approved' and {Scope(scope)} and p.outstanding > 0
              and {(days is null ? "p.remind_on <= @today" : "p.planned_on <= @horizon")}
              {(after ? "and (p.planned_on, p.plan_id) > (@afterOn, @afterId)" : "")}
            order by p.planned_on, p.plan_id
            limit {limit + 1}
            """);
        AddScope(cmd.Parameters, scope, viewerId, today);
        if (days is { } n) cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("horizon", today.AddDays(n)));
        if (after)
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly>("afterOn", DateOnly.ParseExact(position.SortValue, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", position.Id));
        }
        var plans = new List<DuePlan>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            var r = new RowReader(reader);
            while (await reader.ReadAsync(ct))
            {
                var planned = r.Value<DateOnly>("planned_on");
                plans.Add(new DuePlan(r.Id("contract_id"), r.Text("contract_number"), r.Id("customer_id"), r.Id("owner_id"), r.Id("plan_id"),
                    r.Int("instalment"), r.Text("currency"), r.Value<decimal>("amount"), r.Value<decimal>("outstanding"), planned,
                    r.Value<DateOnly?>("remind_on"), r.TextOrNull("method"), planned.DayNumber - today.DayNumber));
            }
        }
        if (plans.Count <= limit) return new Page<DuePlan>(plans, null);
        plans.RemoveAt(limit);
        var last = plans[^1];
        return new Page<DuePlan>(plans, KeysetCursor.Encode(last.PlannedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.PlanId));
    }

    private static void AddScope(NpgsqlParameterCollection p, OwnerScope scope, Guid? viewerId, DateOnly today)
    {
        KeysetList.AddOwnerScope(p, scope, viewerId);
        p.Add(new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today });
    }

    private static async Task<List<ReceivableRow>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<ReceivableRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ReceivableRow(r.Id("contract_id"), r.Text("contract_number"), r.Id("customer_id"), r.Id("owner_id"), r.Text("status"),
                r.Text("currency"), r.Value<decimal>("contract_amount"), r.Value<decimal>("approved_amount"), r.Value<decimal>("receivable_amount"),
                r.Int("payments_count"), r.Value<DateOnly?>("last_received_on"), r.Value<DateOnly?>("next_due_on"), r.Value<decimal?>("next_due_amount"),
                r.Value<decimal>("overdue_amount"), r.Int("days_overdue"), r.Time("updated_at")));
        }
        return rows;
    }
}
