using System.Globalization;
using Crm.Events;
using Crm.Events.Settings;
using Crm.EventStore;
using Crm.Projections.Org;
using FieldChange = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Classification;

/// <summary>The class thresholds' change log, read from their stream: per change, each part that moved, old → new (lists as text).</summary>
public static class CustomerClassHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events)
    {
        var before = CustomerClassThresholds.Defaults;
        var entries = new List<HistoryEntry>();
        foreach (var e in events)
        {
            if (e.Data is not CustomerClassesChanged changed) continue;
            var after = CustomerClassThresholds.From(changed);
            var changes = new[]
            {
                new FieldChange("recencyDays", Text(before.RecencyDays), Text(after.RecencyDays)),
                new FieldChange("frequencyCounts", Text(before.FrequencyCounts), Text(after.FrequencyCounts)),
                new FieldChange("monetaryBasis", before.MonetaryBasis, after.MonetaryBasis),
                new FieldChange("monetary", Text(before.Monetary), Text(after.Monetary)),
            }.Where(c => c.Old != c.New).ToList();
            entries.Add(new HistoryEntry(e.Version, e.Timestamp, "changed", e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes));
            before = after;
        }
        return entries;
    }

    private static string Text<T>(IEnumerable<T> values) where T : IFormattable =>
        string.Join(", ", values.Select(v => v.ToString(null, CultureInfo.InvariantCulture)));

    private static string Text(IEnumerable<SpendBounds> monetary) => string.Join("; ", monetary.Select(m => $"{m.Currency} {Text(m.Amounts)}"));
}
