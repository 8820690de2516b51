namespace Crm.Benchmarks;

/// <summary>The state both sides fold a customer stream into, so they do identical work per event.</summary>
public sealed record CustomerState(string? Name, string? City, int Orders, decimal Total)
{
    public static CustomerState Empty { get; } = new(null, null, 0, 0m);

    public CustomerState Apply(object e) => e switch
    {
        CustomerRegistered r => this with { Name = r.Name, City = r.City },
        OrderPlaced o => this with { Orders = Orders + 1, Total = Total + o.Amount },
        _ => this,
    };
}
