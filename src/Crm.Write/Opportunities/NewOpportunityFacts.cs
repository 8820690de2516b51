using Crm.EventStore;
using Crm.Projections.Products;
using Crm.Projections.Sales;

namespace Crm.Write.Opportunities;

/// <summary>
/// What an opportunity's command needs from the read models — its pipeline and the products of its lines — for the opportunity
/// handler and for a lead conversion (LEAD-5) alike, with the guard that reads both again, locked FOR SHARE, inside the append's
/// transaction: a product taken off shelf, or a pipeline deleted or changed meanwhile, makes the command decide again.
/// </summary>
public sealed class NewOpportunityFacts(PipelineFacts pipelines, ProductLineFacts products)
{
    /// <summary>The named pipeline, or the default one when <paramref name="id"/> is null; null when there is none.</summary>
    public async Task<PipelineOnFile?> PipelineAsync(Guid? id, CancellationToken ct)
    {
        var pipeline = id is { } given ? await pipelines.ReadAsync(given, ct) : await pipelines.DefaultAsync(ct);
        return pipeline is null ? null : new PipelineOnFile(pipeline.Id, pipeline.Stages);
    }

    /// <summary>The products the lines name, as read now; <see cref="Seen"/> remembers them for <see cref="StillHold"/>.</summary>
    public sealed class Products(Guid[] ids)
    {
        public static Products None { get; } = new([]);

        public Guid[] Ids { get; } = ids;
        public IReadOnlyDictionary<Guid, ProductForLine> Seen { get; set; } = new Dictionary<Guid, ProductForLine>();

        public IReadOnlyDictionary<Guid, ProductOnFile> OnFile() =>
            Seen.Values.ToDictionary(p => p.Id, p => new ProductOnFile(p.Id, p.Code, p.Name, p.Unit, p.Price, p.Currency, p.OnShelf));
    }

    public static Products Of(IEnumerable<LineInput> lines) =>
        new(lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToArray());

    public async Task ReadAsync(Products of, CancellationToken ct) => of.Seen = await products.ReadAsync(of.Ids, ct);

    /// <summary>
    /// The guard of the append: the products and the pipeline read again FOR SHARE are the ones decided on. The pipeline is asked
    /// for when the guard runs (<paramref name="pipeline"/>: the one the last decision read; null when it found none).
    /// </summary>
    public AppendGuard StillHold(Products of, Func<PipelineOnFile?> pipeline) => new([], async (connection, tx, t) =>
    {
        if (pipeline() is { } decidedOn)
        {
            var current = await pipelines.ReadAsync(decidedOn.Id, connection, tx, t);
            if (current is null || !current.Stages.SequenceEqual(decidedOn.Stages)) return false;
        }
        if (of.Ids.Length == 0) return true;
        var now = await products.ReadAsync(of.Ids, connection, tx, t);
        var then = of.Seen;
        return now.Count == then.Count && now.All(p => then.TryGetValue(p.Key, out var before) && before == p.Value);
    });
}
