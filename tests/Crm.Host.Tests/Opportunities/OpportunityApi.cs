using System.Text.Json;
using Crm.Events;
using Crm.Events.Products;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Opportunities;

/// <summary>The default pipeline and products the opportunity tests need (made through events), and the calls they share.</summary>
internal static class OpportunityApi
{
    public const string Route = "/api/opportunities";

    public static readonly string[] SalesRep =
    [
        .. CustomerApi.SalesRep, "opportunity.create", "opportunity.list", "opportunity.detail", "opportunity.edit", "opportunity.delete",
        "opportunity.transfer", "opportunity.advance", "opportunity.team",
    ];

    /// <summary>The default pipeline's stages, in order: initial contact, needs analysis, quotation, negotiation, won, lost.</summary>
    public sealed record Pipeline(Guid Id, IReadOnlyList<PipelineStage> Stages)
    {
        public Guid Open(int index) => Stages.Where(s => s.Outcome == StageOutcome.Open).ElementAt(index).StageId;

        public Guid Closing(string outcome) => Stages.Single(s => s.Outcome == outcome).StageId;
    }

    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>The default pipeline: the one the host seeded, or one created here through its event.</summary>
    public static async Task<Pipeline> DefaultPipelineAsync(this HostFixture host)
    {
        await Once.WaitAsync();
        try
        {
            await using (var cmd = host.Database.DataSource.CreateCommand("select id, stages::text from crm.pipelines where is_default"))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                    return new Pipeline(reader.GetGuid(0), JsonSerializer.Deserialize<List<PipelineStage>>(reader.GetString(1), JsonSerializerOptions.Web)!);
            }
            var id = Guid.CreateVersion7();
            PipelineStage Stage(string name, decimal rate, string outcome = StageOutcome.Open) => new(Guid.CreateVersion7(), name, rate, outcome);
            var stages = new List<PipelineStage>
            {
                Stage("Initial contact", 10), Stage("Needs analysis", 30), Stage("Quotation", 60), Stage("Negotiation", 80),
                Stage("Won", 100, StageOutcome.Won), Stage("Lost", 0, StageOutcome.Lost),
            };
            await host.AppendAsync(id, "pipeline", new PipelineCreated(id, "Standard", stages, true));
            return new Pipeline(id, stages);
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>A product with a unique code, on shelf unless told, made through its events.</summary>
    public static async Task<Guid> ProductAsync(this HostFixture host, decimal price, string currency = "CNY", bool onShelf = true, string name = "Widget")
    {
        var id = Guid.CreateVersion7();
        var code = "P-" + id.ToString("N")[^12..].ToUpperInvariant();
        object[] events = onShelf
            ? [new ProductCreated(id, new ProductFields(name, code, null, "piece", new Money(price, currency)), DateTimeOffset.UtcNow),
                new ProductShelved(id, DateTimeOffset.UtcNow)]
            : [new ProductCreated(id, new ProductFields(name, code, null, "piece", new Money(price, currency)), DateTimeOffset.UtcNow)];
        await host.AppendAsync(id, "product", events);
        return id;
    }

    public static Task UnshelveAsync(this HostFixture host, Guid productId) =>
        host.AppendAfterAsync(productId, "product", new ProductUnshelved(productId, DateTimeOffset.UtcNow), 2);

    private static Task AppendAfterAsync(this HostFixture host, Guid id, string type, object e, long after) =>
        host.Services.GetRequiredService<EventStore.EventStore>().AppendAsync(new StreamAppend(id, type, ExpectedVersion.Exactly(after), [e]));

    private static Task AppendAsync(this HostFixture host, Guid id, string type, params object[] events) =>
        host.Services.GetRequiredService<EventStore.EventStore>().AppendAsync(StreamAppend.Start(id, type, events));

    /// <summary>An opportunity of the customer (a fresh customer when none), created by the caller; the default pipeline exists.</summary>
    public static async Task<JsonElement> CreateOpportunityAsync(this HostFixture host, ApiCaller caller, Guid? customerId = null, object? extra = null)
    {
        await host.DefaultPipelineAsync();
        var customer = customerId ?? (await caller.CreateCustomerAsync()).Id();
        var body = new Dictionary<string, object?> { ["customerId"] = customer, ["name"] = "Deal " + Guid.NewGuid().ToString("N")[..8], ["currency"] = "CNY" };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return await caller.CreatedAsync(Route, body);
    }
}
