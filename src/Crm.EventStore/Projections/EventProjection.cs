using Npgsql;

namespace Crm.EventStore.Projections;

/// <summary>
/// Rows per event (operation logs, feeds). Rows should be keyed by the event id with
/// "on conflict do nothing", so a replay is harmless.
/// </summary>
public abstract class EventProjection : IProjection
{
    public abstract string Name { get; }
    public abstract IReadOnlyCollection<Type> EventTypes { get; }
    public abstract IReadOnlyList<string> Tables { get; }

    protected abstract void Project(StoredEvent e, NpgsqlBatch batch);

    public abstract Task ResetAsync(ProjectionContext context, CancellationToken ct);

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        await using var batch = context.CreateBatch();
        foreach (var e in events) Project(e, batch);
        await context.WriteLastAsync(this, batch, ct);
    }
}
