using System.Text.Json.Nodes;
using Alba;

namespace Crm.Host.Tests.Contract;

/// <summary>
/// Holds real exchanges against the document: the operation (method + path template) must be documented, the status
/// must be among its responses, the body must validate against the schema declared for that status and media type,
/// the contract headers the server sent must be declared, and declared required headers must be sent. A request body
/// the server accepted must validate against the declared request schema. Faults are collected, not thrown, so one
/// run lists all of them.
/// </summary>
internal sealed class ResponseContract(ContractDocument document)
{
    /// <summary>The headers API.md promises clients will find declared in the document when they are sent.</summary>
    private static readonly string[] ContractHeaders = ["ETag", "Location", "Idempotent-Replayed", "Retry-After", "X-Request-Id"];

    private readonly List<string> faults = [];

    public int Checked { get; private set; }

    public IReadOnlyList<string> Faults => faults;

    /// <summary>
    /// Checks the exchange (with the JSON body sent, if any) and answers the response for the scenario to go on with.
    /// The scenario says which status it expects: a documented status is not enough (a 500 the document happens to declare,
    /// or a 400 where a 201 was meant, would otherwise pass), and a 5xx is always a fault.
    /// </summary>
    public IScenarioResult Check(IScenarioResult result, int expectedStatus, string? sentBody = null)
    {
        var request = result.Context.Request;
        var response = result.Context.Response;
        Check(new Exchange(request.Method, request.Path.Value ?? "", response.StatusCode, response.ContentType, result.ReadAsText(),
            [.. response.Headers.Keys]), expectedStatus, sentBody);
        return result;
    }

    /// <summary>One request and its answer as the contract reads them.</summary>
    public sealed record Exchange(string Method, string Path, int Status, string? ContentType, string Body, IReadOnlyCollection<string> Headers);

    public void Check(Exchange exchange, int expectedStatus, string? sentBody = null)
    {
        Checked++;
        var (requestMethod, path, status, body) = (exchange.Method, exchange.Path, exchange.Status, exchange.Body);
        var method = requestMethod.ToLowerInvariant();
        var label = $"{requestMethod} {path} → {status}";
        if (status >= 500) faults.Add($"{label}: the server failed ({body})");
        else if (status != expectedStatus) faults.Add($"{label}: expected {expectedStatus} ({body})");

        if (OperationFor(method, path) is not { } found)
        {
            faults.Add($"{label}: the document has no {method} operation for this path");
            return;
        }
        var (template, operation) = found;
        label = $"{requestMethod} {template} → {status}";

        if (status is >= 200 and < 300 && sentBody is not null && operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } requestSchema)
        {
            foreach (var fault in document.Validate(requestSchema, sentBody))
            {
                faults.Add($"{label}: the accepted request body does not match its schema: {fault}");
            }
        }

        if (ResponseFor(operation, status) is not { } declared)
        {
            faults.Add($"{label}: status {status} is not documented (documented: {string.Join(", ", Responses(operation).Select(r => r.Key))})");
            return;
        }

        CheckBody(label, exchange, declared);
        CheckHeaders(label, exchange, declared);
    }

    private void CheckBody(string label, Exchange exchange, JsonObject declared)
    {
        var body = exchange.Body;
        var mediaType = exchange.ContentType is { } contentType ? Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType).MediaType.Value : null;
        var content = declared["content"] as JsonObject;
        if (body.Length == 0)
        {
            if (content is { Count: > 0 }) faults.Add($"{label}: no body sent, the document declares {string.Join(", ", content.Select(c => c.Key))}");
            return;
        }
        if (mediaType is null || content?[mediaType] is not JsonObject media)
        {
            var documented = content is null ? "none" : string.Join(", ", content.Select(c => c.Key));
            faults.Add($"{label}: the response is {mediaType} but the document declares {documented}");
            return;
        }
        if (media["schema"] is not { } schema)
        {
            faults.Add($"{label}: {mediaType} has no schema");
            return;
        }
        if (mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            foreach (var fault in document.Validate(schema, body)) faults.Add($"{label}: the body does not match its schema: {fault}");
        }
    }

    private void CheckHeaders(string label, Exchange response, JsonObject declared)
    {
        var headers = (declared["headers"] as JsonObject)?.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var name in ContractHeaders.Where(h => Sent(response, h) && !headers.ContainsKey(h)))
        {
            faults.Add($"{label}: the response sends {name} but the document does not declare it");
        }
        foreach (var (name, header) in headers.Where(h => h.Value?["required"]?.GetValue<bool>() == true && !Sent(response, h.Key)))
        {
            faults.Add($"{label}: the document declares {name} as required but the response does not send it");
        }
    }

    private static bool Sent(Exchange response, string header) => response.Headers.Contains(header, StringComparer.OrdinalIgnoreCase);

    /// <summary>The operation whose path template matches, preferring literal segments (/customers/transfer over /customers/{id}).</summary>
    private (string Template, JsonObject Operation)? OperationFor(string method, string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        var candidates =
            from entry in document.Root["paths"]!.AsObject()
            let template = entry.Key.Split('/')
            where template.Length == segments.Length && entry.Value?[method] is JsonObject
            let literal = template.Zip(segments).Count(p => p.First == p.Second)
            where template.Zip(segments).All(p => p.First == p.Second || (p.First.StartsWith('{') && p.First.EndsWith('}') && p.Second.Length > 0))
            orderby literal descending
            select (entry.Key, entry.Value![method]!.AsObject());
        return candidates.Cast<(string, JsonObject)?>().FirstOrDefault();
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Responses(JsonObject operation) => operation["responses"] as JsonObject ?? [];

    private static JsonObject? ResponseFor(JsonObject operation, int status)
    {
        var responses = Responses(operation).ToDictionary(r => r.Key, r => r.Value as JsonObject, StringComparer.OrdinalIgnoreCase);
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A server failure is never "documented" by a catch-all: 5XX and default only stand in for other statuses.
        if (status >= 500) return responses.GetValueOrDefault(code);
        return responses.GetValueOrDefault(code) ?? responses.GetValueOrDefault($"{code[0]}XX") ?? responses.GetValueOrDefault("default");
    }
}
