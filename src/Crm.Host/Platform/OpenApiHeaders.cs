using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>
/// The response headers a client reads: X-Request-Id on every answer, ETag where a record (one with a version), a
/// record's history or a versioned configuration comes back, Location on 201 and 202, Idempotent-Replayed where an Idempotency-Key is taken,
/// Retry-After on 429 and 503.
/// </summary>
public static class OpenApiHeaders
{
    /// <summary>Answers that carry an ETag without having a version property: the configurations read whole.</summary>
    private static readonly HashSet<string> VersionedConfigurations = ["PoolRulesResponse", "SettingsValues", "NotificationDefaultsResponse"];

    public static OpenApiOptions AddResponseHeaders(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var (path, item) in document.Paths)
        foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
        {
            // A record's history answers its events; its ETag is the record's version after the last one.
            var recordHistory = path.EndsWith("/{id}/history", StringComparison.Ordinal);
            var idempotent = operation.Parameters?.Any(p => p.In == ParameterLocation.Header && p.Name == Idempotency.Header) == true;
            foreach (var (status, answer) in operation.Responses ?? new OpenApiResponses())
            {
                if (answer is not OpenApiResponse response) continue;
                var headers = response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                headers[RequestIdMiddleware.RequestIdHeader] = Header("The request's id (yours if you sent a valid one); also in every log line and problem.");
                var success = status.StartsWith('2');
                if (success && (recordHistory || CarriesVersion(response, schemas)))
                    headers["ETag"] = Header("The record's version as a strong ETag, \"<version>\": send it back in If-Match.");
                if (status == "201") headers["Location"] = Header("The address of what was created.");
                if (status == "202") headers["Location"] = Header("Where to follow the progress of what was accepted.");
                if (success && idempotent)
                    headers[Idempotency.ReplayedHeader] = Header("true when this answer replays the first call with the same Idempotency-Key.");
                if (status is "429" or "503") headers["Retry-After"] = Header("Seconds to wait before trying again.", JsonSchemaType.Integer);
            }
        }
        return Task.CompletedTask;
    });

    private static bool CarriesVersion(OpenApiResponse response, IDictionary<string, IOpenApiSchema> schemas)
    {
        var id = response.Content?.Values.Select(m => (m.Schema as OpenApiSchemaReference)?.Reference.Id).FirstOrDefault(i => i is not null);
        if (id is null) return false;
        if (VersionedConfigurations.Contains(id)) return true;
        return schemas.TryGetValue(id, out var schema) && schema.Properties?.ContainsKey("version") == true;
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };
}
