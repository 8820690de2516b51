namespace Crm.Projections.Classification;

/// <summary>How a customer's facts follow from its deal rows: recomputed whole for the customers a batch touched (@customers).</summary>
internal static class CustomerFactsSql
{
    public static IReadOnlyList<string> Recompute { get; } =
    [
        "delete from crm.customer_facts where customer_id = any(@customers)",
        """
        insert into crm.customer_facts (customer_id, contract_count, first_contract_at, last_contract_at, payment_count, last_payment_on)
        select t.id, k.n, k.first_at, k.last_at, p.n, p.last_on
        from unnest(@customers::uuid[]) as t(id)
        cross join lateral (select count(*)::int as n, min(approved_at) as first_at, max(approved_at) as last_at
                            from crm.customer_class_contracts where customer_id = t.id) k
        cross join lateral (select count(*)::int as n, max(received_on) as last_on from crm.customer_class_payments where customer_id = t.id) p
        where k.n > 0 or p.n > 0
        """,
        "delete from crm.customer_spend where customer_id = any(@customers)",
        """
        insert into crm.customer_spend (customer_id, currency, contract_amount, payments_received)
        select customer_id, currency, sum(contracted), sum(received)
        from (select customer_id, currency, amount as contracted, 0 as received from crm.customer_class_contracts where customer_id = any(@customers)
              union all
              select customer_id, currency, 0, amount from crm.customer_class_payments where customer_id = any(@customers)) deals
        group by customer_id, currency
        """,
    ];
}
