using System.Text.Json;
using Crm.Events;
using Crm.Events.Sales;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Opportunities;

/// <summary>The default pipeline and products the opportunity tests need (through their own APIs), and the calls they share.</summary>
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

    /// <summary>The default pipeline: the standard one the host creates at its first start, read through the API.</summary>
    public static async Task<Pipeline> DefaultPipelineAsync(this HostFixture host)
    {
        var pipelines = await host.Admin.GetJsonAsync("/api/pipelines");
        var list = pipelines.ValueKind == JsonValueKind.Array ? pipelines : pipelines.GetProperty("items");
        var standard = list.EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
        var stages = JsonSerializer.Deserialize<List<PipelineStage>>(standard.GetProperty("stages").GetRawText(), JsonSerializerOptions.Web)!;
        return new Pipeline(standard.GetProperty("id").GetGuid(), stages);
    }

    /// <summary>A product with a unique code, on shelf unless told, made through the products API.</summary>
    public static async Task<Guid> ProductAsync(this HostFixture host, decimal price, string currency = "CNY", bool onShelf = true, string name = "Widget")
    {
        var code = "P-" + Guid.NewGuid().ToString("N")[^12..].ToUpperInvariant();
        var created = await host.Admin.CreatedAsync("/api/products", new { name, code, unit = "piece", price, currency });
        var id = created.Id();
        if (onShelf) await host.Admin.SendAsync(HttpMethod.Post, $"/api/products/{id}/shelve");
        return id;
    }

    public static Task UnshelveAsync(this HostFixture host, Guid productId) =>
        host.Admin.SendAsync(HttpMethod.Post, $"/api/products/{productId}/unshelve");

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
