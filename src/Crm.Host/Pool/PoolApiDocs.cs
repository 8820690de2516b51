using Crm.Host.Customers;
using Crm.Host.Platform;

namespace Crm.Host.Pool;

/// <summary>What the OpenAPI document says about each public-pool operation (CUS-6, CUS-7), beside the route table.</summary>
internal static class PoolApiDocs
{
    private const string RulesExample = """
        {"claimLimit":200,"claimCooldownDays":7,"rules":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d50","name":"30 days without follow-up",
        "daysWithoutFollowUp":30,"daysWithoutDeal":null,"exemptLevels":["A"],"exemptCustomersWithDeals":true,"warningDaysBefore":3}]}
        """;

    public static readonly ApiDoc List = new("List the customers in the public pool",
        "Customers without owner, visible to everyone who may see the pool. Same paging, sort (default -updatedAt), q and includeTotal as GET /api/customers.")
    { Response = $$"""{"items":[{{CustomerEndpoints.Example.Customer}}],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Claim = new("Claim a customer from the public pool (领取)",
        "You become the owner. Refused with 409 customer_not_in_pool (someone was faster), claim_limit_reached (you own claimLimit customers "
        + "already) or claim_cooldown (you lost it less than claimCooldownDays ago). With Idempotency-Key, a retry answers the first response.")
    { Response = CustomerEndpoints.Example.Customer, Problems = [400, 404, 409] };

    public static readonly ApiDoc Assign = new("Assign a pool customer to a user (分配)",
        "userId must be an enabled user inside your pool.assign data scope (422 naming userId). Only pool customers are assigned "
        + "(409 customer_not_in_pool); owned ones are transferred.")
    { Request = """{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", Response = CustomerEndpoints.Example.Customer, Problems = [400, 404, 409, 422] };

    public static readonly ApiDoc BulkAssign = new("Assign several pool customers to one user",
        $"ids: 1 to {CustomerEndpoints.MaxBulk}. The answer says per id whether it succeeded, and if not the code and message.")
    {
        Request = """{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21"],"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""",
        Response = CustomerEndpoints.Example.Bulk, Problems = [400, 422],
    };

    public static readonly ApiDoc GetRules = new("The pool's claim limit, claim-back cooldown and recycling rules",
        "ETag is the configuration's version (0 before the first change: the defaults).")
    { Response = RulesExample };

    public static readonly ApiDoc PutRules = new("Replace the pool's claim limit, cooldown and recycling rules",
        "The whole configuration: rules not sent are removed. Each rule needs a name and daysWithoutFollowUp and/or daysWithoutDeal (≥ 1); "
        + "warningDaysBefore lies below the shortest period. Faults are named as rules[i].field (400). If-Match → 412 when stale. The "
        + "recycling job applies the rules from its next run.")
    { Request = RulesExample, Response = RulesExample, Problems = [400, 412] };
}
