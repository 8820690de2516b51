using Crm.EventStore;
using Crm.Projections.Products;
using Crm.Projections.Sales;

namespace Crm.Write.Opportunities;

/// <summary>
/// What a new opportunity born outside the opportunity handler (a lead conversion, LEAD-5) needs from the read models: its
/// pipeline and the products of its lines, with the guard that reads those products again FOR SHARE inside the append's
/// transaction, so a product taken off shelf meanwhile makes the command decide again, as for a plain create.
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
        public Guid[] Ids { get; } = ids;
        public IReadOnlyDictionary<Guid, ProductForLine> Seen { get; set; } = new Dictionary<Guid, ProductForLine>();

        public IReadOnlyDictionary<Guid, ProductOnFile> OnFile() =>
            Seen.Values.ToDictionary(p => p.Id, p => new ProductOnFile(p.Id, p.Code, p.Name, p.Unit, p.Price, p.Currency, p.OnShelf));
    }

    public static Products Of(IEnumerable<LineInput> lines) =>
        new(lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToArray());

    public async Task ReadAsync(Products of, CancellationToken ct) => of.Seen = await products.ReadAsync(of.Ids, ct);

    /// <summary>The guard of the append: the products read again FOR SHARE are the ones decided on; null when no line names one.</summary>
    public AppendGuard? StillHold(Products of) => of.Ids.Length == 0 ? null
        : new AppendGuard([], async (connection, tx, t) =>
        {
            var now = await products.ReadAsync(of.Ids, connection, tx, t);
            var then = of.Seen;
            return now.Count == then.Count && now.All(p => then.TryGetValue(p.Key, out var before) && before == p.Value);
        });
}
