using System.Globalization;
using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Pipelines;

/// <summary>A pipeline's operation log, read straight from its stream; stages read as "name (win rate %, outcome)" joined by " → ".</summary>
public static class PipelineHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    public static string Describe(IReadOnlyList<PipelineStage> stages) =>
        string.Join(" → ", stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} ({s.WinRate} %, {s.Outcome})")));

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            PipelineCreated x => ("created", new[]
            {
                new Change("name", null, x.Name), new Change("stages", null, Describe(x.Stages)),
                new Change("isDefault", null, x.IsDefault ? "true" : "false"),
            }),
            PipelineRenamed x => ("renamed", [new Change("name", x.PreviousName, x.Name)]),
            PipelineStagesChanged x => ("stages_changed", [new Change("stages", Describe(x.PreviousStages), Describe(x.Stages))]),
            PipelineMadeDefault => ("made_default", [new Change("isDefault", "false", "true")]),
            PipelineDefaultCleared => ("default_cleared", [new Change("isDefault", "true", "false")]),
            PipelineDeleted => ("deleted", Array.Empty<Change>()),
            _ => (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}
