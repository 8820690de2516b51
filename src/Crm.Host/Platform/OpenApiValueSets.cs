using System.Text.Json.Nodes;
using Crm.Events;
using Crm.Projections.Customers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// Value sets the C# types cannot carry as attributes: read-model records live in Crm.Projections, which knows
/// nothing of the Host's OpenAPI attributes, and query parameters are plain strings. Both become enums here.
/// </summary>
public static class OpenApiValueSets
{
    /// <summary>(read-model record, JSON property) → its values.</summary>
    private static readonly Dictionary<(Type Type, string Property), string[]> ReadModelValues = new()
    {
        [(typeof(CustomerTeamMember), "access")] = [TeamAccess.Read, TeamAccess.ReadWrite],
    };

    public static OpenApiOptions AddValueSets(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            foreach (var ((type, property), values) in ReadModelValues)
            {
                if (context.JsonTypeInfo.Type == type && schema.Properties?.TryGetValue(property, out var found) == true && found is OpenApiSchema target)
                    target.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
            }
            return Task.CompletedTask;
        });
        // Every list's ?sort= takes the same keys as a saved scene's sort (ListSort.Parse refuses anything else).
        options.AddOperationTransformer((operation, context, _) =>
        {
            var dashboard = context.Description.RelativePath?.StartsWith("api/dashboard", StringComparison.Ordinal) == true;
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter is OpenApiParameter { In: ParameterLocation.Query, Name: "sort", Schema: OpenApiSchema schema })
                    schema.Enum = [.. SortKeyAttribute.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                // The dashboard's ?period= takes the period names DashboardScope checks.
                if (dashboard && parameter is OpenApiParameter { In: ParameterLocation.Query, Name: "period", Schema: OpenApiSchema period })
                    period.Enum = [.. Crm.Projections.Dashboard.DashboardPeriod.Names.Select(v => (JsonNode)JsonValue.Create(v))];
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
