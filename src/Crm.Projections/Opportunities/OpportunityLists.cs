using Crm.Projections.Filtering;

namespace Crm.Projections.Opportunities;

/// <summary>The built-in fields an opportunity list filters on, by their API names, over crm.opportunities aliased o.</summary>
public static class OpportunityFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("name", "o.name", FilterType.Text),
        new("source", "o.source", FilterType.Text),
        new("remark", "o.remark", FilterType.Text),
        new("customerId", "o.customer_id", FilterType.Uuid),
        new("ownerId", "o.owner_id", FilterType.Uuid),
        new("departmentId", OwnerDepartment.Of("o"), FilterType.Uuid),
        new("pipelineId", "o.pipeline_id", FilterType.Uuid),
        new("stageId", "o.stage_id", FilterType.Uuid),
        new("stageName", "o.stage_name", FilterType.Text),
        new("outcome", "o.outcome", FilterType.Text),
        new("amount", "o.amount", FilterType.Money),
        new("weightedAmount", "o.weighted_amount", FilterType.Money),
        new("currency", "o.currency", FilterType.Text),
        new("amountSetByHand", "o.amount_set_by_hand", FilterType.Bool),
        new("leadId", "o.lead_id", FilterType.Uuid),
        new("closedAt", "o.closed_at", FilterType.Timestamp),
        new("createdAt", "o.created_at", FilterType.Timestamp),
        new("updatedAt", "o.updated_at", FilterType.Timestamp),
    ];
}

/// <summary>One page request of an opportunity list; opportunities whose team has the viewer are visible whatever the scope.</summary>
/// <param name="Filter">A parsed filter tree over <see cref="OpportunityFilterFields.All"/> (the list's query parameters become one too).</param>
/// <param name="Q">Free text matched inside the name.</param>
public sealed record OpportunityListRequest(
    OwnerScope Scope, Guid? ViewerId, int Limit, string? Cursor = null, ListSort? Sort = null, FilterNode? Filter = null, string? Q = null);
