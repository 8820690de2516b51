using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Contracts;

/// <summary>The calls the contract tests share; customers, products and contacts come from their own APIs.</summary>
internal static class ContractApi
{
    public const string Route = "/api/contracts";

    public static readonly string[] SalesRep =
    [
        .. CustomerApi.SalesRep, "contract.create", "contract.list", "contract.detail", "contract.edit", "contract.delete", "contract.export",
        "contract.transfer", "payment-plan.create", "payment-plan.list", "payment-plan.detail", "payment-plan.edit", "payment-plan.delete",
    ];

    /// <summary>A draft contract of the customer (a fresh customer when none), created by the caller: 1,000.00 CNY set by hand unless told.</summary>
    public static async Task<JsonElement> CreateContractAsync(this ApiCaller caller, Guid? customerId = null, object? extra = null)
    {
        var customer = customerId ?? (await caller.CreateCustomerAsync()).Id();
        var body = new Dictionary<string, object?>
        {
            ["customerId"] = customer, ["name"] = "Contract " + Guid.NewGuid().ToString("N")[..8], ["currency"] = "CNY", ["amount"] = 1000m,
        };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return await caller.CreatedAsync(Route, body);
    }

    public static string Path(this JsonElement contract) => $"{Route}/{contract.Id()}";
}
