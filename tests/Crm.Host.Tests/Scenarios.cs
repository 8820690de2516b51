using System.Text.Json;
using Alba;
using Microsoft.Net.Http.Headers;

namespace Crm.Host.Tests;

/// <summary>What scenarios send and expect beyond Alba's own vocabulary, in the API's words (docs/api.md).</summary>
public static class Scenarios
{
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

    private sealed class ProblemAssertion(int status, string? field, string? code) : IScenarioAssertion
    {
        public void Assert(Scenario scenario, AssertionContext context)
        {
            var contentType = context.HttpContext.Response.ContentType;
            if (contentType is null || MediaTypeHeaderValue.Parse(contentType).MediaType != "application/problem+json")
            {
                context.AddFailure($"Expected content type application/problem+json, but was '{contentType}'");
                return;
            }
            JsonElement problem;
            try
            {
                using var document = JsonDocument.Parse(context.ReadBodyAsString());
                problem = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                context.AddFailure($"Expected a JSON problem body: {e.Message}");
                return;
            }
            if (!problem.TryGetProperty("status", out var inBody) || inBody.ValueKind != JsonValueKind.Number || inBody.GetInt32() != status)
                context.AddFailure($"Expected \"status\": {status} in the problem");
            if (!problem.TryGetProperty("traceId", out var traceId) || string.IsNullOrEmpty(traceId.GetString()))
                context.AddFailure("Expected a traceId in the problem");
            if (field is not null && !(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _)))
                context.AddFailure($"Expected errors to name '{field}'");
            if (code is not null && !(problem.TryGetProperty("code", out var actual) && actual.GetString() == code))
                context.AddFailure($"Expected code '{code}'");
        }
    }
}
