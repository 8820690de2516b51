using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.CustomFields;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.CustomFields;

/// <summary>
/// GET /api/metadata/{kind} (SET-1): every field of a record kind, built-in and custom, with type, constraints, options, filter operators and
/// sortability — what a UI builds its forms and filters from. One route per kind, each under the kind's list permission.
/// </summary>
public static class MetadataEndpoints
{
    public static RouteGroupBuilder MapMetadataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/metadata").WithTags("Metadata").RequireAuthorization();
        foreach (var kind in CustomFieldTypes.Kinds)
        {
            group.MapGet("/" + kind, (CustomFieldQueries fields, CancellationToken ct) => Describe(kind, fields, ct))
                .WithName($"Get{char.ToUpperInvariant(kind[0])}{kind[1..]}Metadata").RequirePermission(kind + ".list").Documented(MetadataApiDocs.For(kind));
        }
        return group;
    }

    private static async Task<Ok<MetadataResponse>> Describe(string kind, CustomFieldQueries fields, CancellationToken ct) =>
        TypedResults.Ok(MetadataResponse.Of(kind, await fields.ListAsync(kind, false, ct)));
}
