using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Crm.Host.Tests;

/// <summary>What scenarios send and expect beyond Alba's own vocabulary, in the API's words (docs/api.md).</summary>
public static class Scenarios
{
    /// <summary>
    /// Sends the url as a client puts it on the wire: the path unescaped as a server does, the query byte for byte
    /// (Alba's Url() decodes and re-encodes a query and takes a path literally, which would mend or garble the broken
    /// text, %00 or %C0%AF, a test means to send), with an optional JSON body.
    /// </summary>
    public static Scenario SendExactly(this Scenario s, string method, string url, byte[]? json = null)
    {
        if (json is not null)
        {
            s.ByteArray(json);
            s.ConfigureHttpContext(c => c.Request.ContentType = "application/json");
        }
        var at = url.IndexOf('?', StringComparison.Ordinal);
        s.ConfigureHttpContext(c =>
        {
            c.Request.Method = method;
            var path = at < 0 ? url : url[..at];
            // PathString refuses to decode %00; a server that lets it through hands the route a NUL, which the input boundary must refuse.
            c.Request.Path = path.Contains("%00", StringComparison.Ordinal) ? new PathString(Uri.UnescapeDataString(path)) : PathString.FromUriComponent(path);
            if (at >= 0) c.Request.QueryString = new QueryString(url[at..]);
        });
        return s;
    }

    public static Scenario GetExactly(this Scenario s, string url) => s.SendExactly("GET", url);

    public static Scenario IfMatch(this Scenario s, string? etag)
    {
        if (etag is not null) s.WithRequestHeader(HeaderNames.IfMatch, etag);
        return s;
    }

    public static Scenario IdempotencyKey(this Scenario s, string key)
    {
        s.WithRequestHeader("Idempotency-Key", key);
        return s;
    }

    /// <summary>
    /// Expects an RFC 9457 problem: the status, application/problem+json, the status again in the body, a traceId,
    /// and when given the field named under errors and the problem's code.
    /// </summary>
    public static Scenario ProblemShouldBe(this Scenario s, int status, string? field = null, string? code = null)
    {
        s.StatusCodeShouldBe(status);
        s.AssertThat(new ProblemAssertion(status, field, code));
        return s;
    }

    public static JsonElement Json(this IScenarioResult result)
    {
        using var document = JsonDocument.Parse(result.ReadAsText());
        return document.RootElement.Clone();
    }

    public static int Status(this IScenarioResult result) => result.Context.Response.StatusCode;

    /// <summary>The response header's one value, or null when absent.</summary>
    public static string? Header(this IScenarioResult result, string name) =>
        result.Context.Response.Headers.TryGetValue(name, out var values) ? values.Single() : null;

    public static string? ETag(this IScenarioResult result) => result.Header(HeaderNames.ETag);

    /// <summary>
    /// Runs first in every scenario: the test server's response body reads once, so it is copied to memory
    /// where every later assertion and the test itself read it from the start.
    /// </summary>
    internal static readonly IScenarioAssertion BufferedBody = new BufferBody();

    private sealed class BufferBody : IScenarioAssertion
    {
        public void Assert(Scenario scenario, AssertionContext context)
        {
            var response = context.HttpContext.Response;
            if (response.Body.CanSeek) return;
            var copy = new MemoryStream();
            response.Body.CopyTo(copy);
            copy.Position = 0;
            response.Body = copy;
        }
    }

    /// <summary>
    /// The same problem expectations on an answer already in hand (e.g. one of many concurrent requests sent with
    /// <c>s.IgnoreStatusCode()</c>); answers the problem for further checks.
    /// </summary>
    public static JsonElement ShouldBeProblem(this IScenarioResult result, int status, string? field = null, string? code = null)
    {
        var text = result.ReadAsText();
        var faults = ProblemFaults(result.Context.Response, text, status, field, code).ToList();
        Xunit.Assert.True(faults.Count == 0, string.Join("; ", faults) + $" — answer {result.Status()}: {text}");
        return result.Json();
    }

    private static IEnumerable<string> ProblemFaults(HttpResponse response, string body, int status, string? field, string? code)
    {
        if (response.StatusCode != status) yield return $"Expected status {status}, but was {response.StatusCode}";
        var contentType = response.ContentType;
        if (contentType is null || MediaTypeHeaderValue.Parse(contentType).MediaType != "application/problem+json")
        {
            yield return $"Expected content type application/problem+json, but was '{contentType}'";
            yield break;
        }
        var problem = ParsedOrDefault(body);
        if (problem.ValueKind != JsonValueKind.Object)
        {
            yield return "Expected a JSON object as the problem body";
            yield break;
        }
        if (!problem.TryGetProperty("status", out var inBody) || inBody.ValueKind != JsonValueKind.Number || inBody.GetInt32() != status)
            yield return $"Expected \"status\": {status} in the problem";
        if (!problem.TryGetProperty("traceId", out var traceId) || string.IsNullOrEmpty(traceId.GetString()))
            yield return "Expected a traceId in the problem";
        if (field is not null && !(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _)))
            yield return $"Expected errors to name '{field}'";
        if (code is not null && !(problem.TryGetProperty("code", out var actual) && actual.GetString() == code))
            yield return $"Expected code '{code}'";
    }

    private static JsonElement ParsedOrDefault(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private sealed class ProblemAssertion(int status, string? field, string? code) : IScenarioAssertion
    {
        // The status is Alba's own expectation (set beside this one); the rest is the problem's shape.
        public void Assert(Scenario scenario, AssertionContext context)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != status) return;
            foreach (var fault in ProblemFaults(response, context.ReadBodyAsString(), status, field, code)) context.AddFailure(fault);
        }
    }
}
