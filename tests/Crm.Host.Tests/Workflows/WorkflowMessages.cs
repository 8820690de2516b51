using Crm.EventStore;
using Crm.EventStore.Subscriptions;
using Crm.Projections.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Host.Tests.Workflows;

/// <summary>A workflow run's message handed to a host's outbox directly, as a redelivery or a replay would hand it again.</summary>
internal static class WorkflowMessages
{
    public static WorkflowTriggered Of(Guid workflowId, StoredEvent trigger, string kind, Guid recordId) =>
        new(WorkflowTriggered.RunIdOf(workflowId, trigger.EventId), workflowId, trigger.EventId, trigger.EventType, kind, recordId,
            trigger.Metadata.RequestId, trigger.Metadata.CorrelationId, trigger.Timestamp);

    public static async Task SendAsync(IServiceProvider services, WorkflowTriggered message)
    {
        var outbox = services.GetRequiredService<ISubscriptionOutbox>();
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var batch = await outbox.BeginAsync(tx, CancellationToken.None);
        await batch.SendAsync(Guid.CreateVersion7(), message, null, CancellationToken.None);
        await batch.SaveAsync(CancellationToken.None);
        await tx.CommitAsync();
        await batch.FlushAsync();
    }
}
