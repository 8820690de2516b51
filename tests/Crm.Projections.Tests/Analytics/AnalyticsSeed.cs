namespace Crm.Projections.Tests.Analytics;

/// <summary>
/// A little of every read model the views read, written straight into the tables (the views are what is under test, not the
/// projections): enough for every documented example to answer rows, and personal values the views must never show.
/// </summary>
internal static class AnalyticsSeed
{
    /// <summary>Values of personal fields and free text in the seed; none may appear in any analytics view.</summary>
    public static readonly string[] PersonalValues =
    [
        "13912345678", "wang.personal@example.com", "+86 21 5555 0101", "buyer@acme-personal.example", "No. 8 Secret Road",
        "Ask for Ms. Li privately", "Li Meimei", "13700001111", "li.meimei@example.com", "Zhang San", "13600002222",
        "zhang.san@example.com", "Called Zhang San at home", "Remark of a payment", "Lost to a cousin", "Call Zhang San back",
        "Zhang San's private matters", "{\"wechat\": \"zs-private\"}",
    ];

    public const string Sql =
        """
        insert into org.departments (id, name, parent_id, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000001', 'Sales East', null, 1, now(), now());
        insert into org.users (id, mobile, display_name, gender, email, department_id, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000011', '13912345678', 'Wang Wu', 'male', 'wang.personal@example.com',
             '00000000-0000-7000-8000-000000000001', 1, now(), now());
        insert into crm.customers (id, name, level, industry, source, region, address, phone, email, remark, custom, owner_id,
                                   follow_up_status, owned_since, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000021', 'Acme Trading', 'A', 'Retail', 'referral', 'East', 'No. 8 Secret Road',
             '+86 21 5555 0101', 'buyer@acme-personal.example', 'Ask for Ms. Li privately', '{"wechat": "zs-private"}',
             '00000000-0000-7000-8000-000000000011', 'in_communication', now(), 1, now() - interval '100 days', now()),
            ('00000000-0000-7000-8000-000000000022', 'Beta Works', 'B', 'Industry', 'campaign', 'North', null, null, null, null, '{}',
             null, 'new', null, 1, now() - interval '50 days', now());
        insert into crm.contacts (id, customer_id, name, title, phone, email, address, remark, owner_id, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000031', '00000000-0000-7000-8000-000000000021', 'Li Meimei', 'Buyer', '13700001111',
             'li.meimei@example.com', 'No. 8 Secret Road', null, '00000000-0000-7000-8000-000000000011', 1, now(), now());
        insert into crm.leads (id, name, company, phone, email, source, owner_id, converted_customer_id, converted_at,
                               version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000041', 'Zhang San', 'Acme Trading', '13600002222', 'zhang.san@example.com', 'referral',
             '00000000-0000-7000-8000-000000000011', '00000000-0000-7000-8000-000000000021', now() - interval '100 days', 2,
             now() - interval '120 days', now()),
            ('00000000-0000-7000-8000-000000000042', 'Zhao Si', 'Delta', null, null, 'campaign', null, null, null, 1, now(), now());
        insert into crm.follow_ups (id, record_type, record_id, customer_id, kind, content, created_at, created_by) values
            ('00000000-0000-7000-8000-000000000051', 'customer', '00000000-0000-7000-8000-000000000021',
             '00000000-0000-7000-8000-000000000021', 'communication', 'Called Zhang San at home', now(),
             '00000000-0000-7000-8000-000000000011');
        insert into crm.pipelines (id, name, is_default, stages, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000061', 'Standard', true,
             '[{"stageId": "00000000-0000-7000-8000-000000000062", "name": "Qualify", "winRate": 20, "outcome": "open"},
               {"stageId": "00000000-0000-7000-8000-000000000063", "name": "Quote", "winRate": 60, "outcome": "open"},
               {"stageId": "00000000-0000-7000-8000-000000000064", "name": "Won", "winRate": 100, "outcome": "won"},
               {"stageId": "00000000-0000-7000-8000-000000000065", "name": "Lost", "winRate": 0, "outcome": "lost"}]',
             1, now(), now());
        insert into crm.opportunities (id, customer_id, name, pipeline_id, stage_id, stage_name, stage_win_rate, outcome, amount,
                                       amount_set_by_hand, currency, weighted_amount, owner_id, remark, lost_reason, closed_at,
                                       version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000071', '00000000-0000-7000-8000-000000000021', 'Shop fit-out',
             '00000000-0000-7000-8000-000000000061', '00000000-0000-7000-8000-000000000062', 'Qualify', 20, 'open', 1000, true, 'CNY',
             200, '00000000-0000-7000-8000-000000000011', 'Zhang San''s private matters', null, null, 1, now(), now()),
            ('00000000-0000-7000-8000-000000000072', '00000000-0000-7000-8000-000000000021', 'Tills', '00000000-0000-7000-8000-000000000061',
             '00000000-0000-7000-8000-000000000064', 'Won', 100, 'won', 5000, false, 'CNY', 5000, '00000000-0000-7000-8000-000000000011',
             null, null, now() - interval '80 days', 3, now() - interval '90 days', now()),
            ('00000000-0000-7000-8000-000000000073', '00000000-0000-7000-8000-000000000022', 'Lights', '00000000-0000-7000-8000-000000000061',
             '00000000-0000-7000-8000-000000000065', 'Lost', 0, 'lost', 300, true, 'CNY', 0, '00000000-0000-7000-8000-000000000011',
             null, 'Lost to a cousin', now(), 2, now() - interval '10 days', now());
        insert into crm.funnel_stays (opportunity_id, visit, pipeline_id, stage_id, stage_name, win_rate, outcome, entered_at) values
            ('00000000-0000-7000-8000-000000000071', 1, '00000000-0000-7000-8000-000000000061', '00000000-0000-7000-8000-000000000062',
             'Qualify', 20, 'open', now()),
            ('00000000-0000-7000-8000-000000000072', 1, '00000000-0000-7000-8000-000000000061', '00000000-0000-7000-8000-000000000062',
             'Qualify', 20, 'open', now() - interval '90 days'),
            ('00000000-0000-7000-8000-000000000072', 2, '00000000-0000-7000-8000-000000000061', '00000000-0000-7000-8000-000000000063',
             'Quote', 60, 'open', now() - interval '85 days'),
            ('00000000-0000-7000-8000-000000000072', 3, '00000000-0000-7000-8000-000000000061', '00000000-0000-7000-8000-000000000064',
             'Won', 100, 'won', now() - interval '80 days');
        insert into crm.product_categories (id, name, parent_id, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000081', 'Hardware', null, 1, now(), now());
        insert into crm.products (id, code, name, category_id, unit, price, currency, on_shelf, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000082', 'TILL-1', 'Till', '00000000-0000-7000-8000-000000000081', 'piece', 2500, 'CNY',
             true, 1, now(), now());
        insert into crm.opportunity_lines (opportunity_id, line_id, position, product_id, product_name, product_code, unit, quantity,
                                           unit_price, discount_percent, subtotal, currency) values
            ('00000000-0000-7000-8000-000000000072', '00000000-0000-7000-8000-000000000083', 0, '00000000-0000-7000-8000-000000000082',
             'Till', 'TILL-1', 'piece', 2, 2500, 0, 5000, 'CNY');
        insert into crm.contracts (id, number, customer_id, opportunity_id, name, signed_on, amount, amount_set_by_hand, currency,
                                   status, approved_at, remark, owner_id, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000091', 'HT-2026-000001', '00000000-0000-7000-8000-000000000021',
             '00000000-0000-7000-8000-000000000072', 'Tills', current_date - 70, 5000, false, 'CNY', 'approved', now() - interval '69 days',
             'Zhang San''s private matters', '00000000-0000-7000-8000-000000000011', 4, now() - interval '75 days', now()),
            ('00000000-0000-7000-8000-000000000092', 'HT-2026-000002', '00000000-0000-7000-8000-000000000021', null, 'Service',
             current_date, 800, true, 'CNY', 'approved', now(), null, '00000000-0000-7000-8000-000000000011', 3, now(), now()),
            ('00000000-0000-7000-8000-000000000093', 'HT-2026-000003', '00000000-0000-7000-8000-000000000022', null, 'Draft deal',
             null, 100, true, 'CNY', 'draft', null, null, '00000000-0000-7000-8000-000000000011', 1, now(), now());
        insert into crm.contract_lines (contract_id, line_id, position, product_id, product_name, product_code, unit, quantity,
                                        unit_price, discount_percent, subtotal, currency) values
            ('00000000-0000-7000-8000-000000000091', '00000000-0000-7000-8000-000000000094', 0, '00000000-0000-7000-8000-000000000082',
             'Till', 'TILL-1', 'piece', 2, 2500, 0, 5000, 'CNY');
        insert into crm.customer_deals (opportunity_id, customer_id, amount, currency, won_at, created_at, deal_kind) values
            ('00000000-0000-7000-8000-000000000091', '00000000-0000-7000-8000-000000000021', 5000, 'CNY', now() - interval '69 days',
             now() - interval '69 days', 'contract');
        insert into crm.payment_plans (plan_id, contract_id, owner_id, instalment, amount, currency, planned_on, method, remark,
                                       created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000101', '00000000-0000-7000-8000-000000000091', '00000000-0000-7000-8000-000000000011', 1,
             2000, 'CNY', current_date - 45, 'bank transfer', null, now(), now()),
            ('00000000-0000-7000-8000-000000000102', '00000000-0000-7000-8000-000000000091', '00000000-0000-7000-8000-000000000011', 2,
             3000, 'CNY', current_date + 10, 'bank transfer', null, now(), now());
        insert into crm.payments (id, contract_id, customer_id, owner_id, amount, currency, received_on, plan_id, method, remark, status,
                                  approved_at, version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000111', '00000000-0000-7000-8000-000000000091', '00000000-0000-7000-8000-000000000021',
             '00000000-0000-7000-8000-000000000011', 1500, 'CNY', current_date, '00000000-0000-7000-8000-000000000101', 'cash', null,
             'approved', now(), 3, now(), now()),
            ('00000000-0000-7000-8000-000000000112', '00000000-0000-7000-8000-000000000091', '00000000-0000-7000-8000-000000000021',
             '00000000-0000-7000-8000-000000000011', 900, 'CNY', current_date, null, null, 'Remark of a payment', 'draft', null, 1,
             now(), now());
        insert into crm.targets (id, subject_kind, subject_id, measure, year, period, period_no, starts_on, ends_before, amount, currency,
                                 version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000121', 'user', '00000000-0000-7000-8000-000000000011', 'contract_amount', 2026, 'year', null,
             '2026-01-01', '2027-01-01', 100000, 'CNY', 1, now(), now());
        insert into crm.tasks (id, name, description, owner_id, participant_ids, priority, status, comments, comment_count, created_by,
                               version, created_at, updated_at) values
            ('00000000-0000-7000-8000-000000000131', 'Call Zhang San back', 'Zhang San''s private matters',
             '00000000-0000-7000-8000-000000000011', '{00000000-0000-7000-8000-000000000011}', 'high', 'open',
             '[{"id": "00000000-0000-7000-8000-000000000132", "text": "Called Zhang San at home"}]', 1,
             '00000000-0000-7000-8000-000000000011', 1, now(), now());
        """;
}
