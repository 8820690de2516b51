using Crm.Events;
using Crm.Events.Approvals;
using Crm.EventStore;

namespace Crm.Projections.Approvals;

/// <summary>An approval flow as the API shows it; one row of crm.approval_flows. Its version is the flow version submissions record.</summary>
public sealed record ApprovalFlowRow(
    Guid Id, string RecordKind, string Name, IReadOnlyList<ApprovalStepRule> Steps, bool Enabled, long Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The row after an event; null once the flow is deleted.</summary>
    public static ApprovalFlowRow? Evolve(ApprovalFlowRow? row, StoredEvent e)
    {
        if (e.Data is ApprovalFlowCreated c)
            return new ApprovalFlowRow(c.FlowId, c.RecordKind, c.Name, c.Steps, c.Enabled, e.Version, e.Timestamp, e.Timestamp);
        if (row is null || e.Data is ApprovalFlowDeleted) return null;
        var next = e.Data switch
        {
            ApprovalFlowChanged x => row with { Name = x.Name, Steps = x.Steps },
            ApprovalFlowEnabled => row with { Enabled = true },
            ApprovalFlowDisabled => row with { Enabled = false },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
