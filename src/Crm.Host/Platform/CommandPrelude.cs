using Crm.Write;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Host.Platform;

/// <summary>The request headers a write takes.</summary>
[Flags]
public enum CommandHeaders
{
    None = 0,

    /// <summary>If-Match: the version the client last read; a stale one is answered 412.</summary>
    IfMatch = 1,

    /// <summary>Idempotency-Key: a retry answers the first result and writes nothing.</summary>
    IdempotencyKey = 2,
}

/// <summary>Endpoint metadata naming the headers a write takes: read by the prelude filter and by the OpenAPI document.</summary>
public sealed record CommandHeadersMetadata(CommandHeaders Headers);

/// <summary>
/// The request prelude of every write, as one endpoint filter instead of a copy per handler: reads
/// If-Match and Idempotency-Key (400 naming the header when unusable, before the handler runs) into
/// the request's <see cref="CommandRequest"/> — the audit ids, the caller's key and the request's
/// fingerprint — which the handler takes with <see cref="Command"/>.
/// </summary>
public static class CommandPrelude
{
    private const string ItemKey = "Crm.CommandRequest";

    /// <summary>Marks the endpoint as a command taking <paramref name="headers"/>.</summary>
    public static RouteHandlerBuilder AsCommand(this RouteHandlerBuilder builder, CommandHeaders headers = CommandHeaders.None) =>
        builder.WithMetadata(new CommandHeadersMetadata(headers)).AddEndpointFilter(ReadAsync)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (headers.HasFlag(CommandHeaders.IfMatch))
                    AddHeader(operation, Preconditions.IfMatchHeader,
                        "The ETag you read (\"<version>\"): the write is refused with 412 when the record changed since.");
                if (headers.HasFlag(CommandHeaders.IdempotencyKey))
                    AddHeader(operation, Idempotency.Header,
                        "1 to 200 printable characters, yours alone: a retry with the same key answers the first result and writes nothing.");
                return Task.CompletedTask;
            });

    private static void AddHeader(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    /// <summary>The command request the prelude read; only endpoints marked <see cref="AsCommand"/> have one.</summary>
    public static CommandRequest Command(this HttpContext http) =>
        http.Items[ItemKey] as CommandRequest ?? throw new InvalidOperationException("This endpoint is not marked AsCommand().");

    private static async ValueTask<object?> ReadAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var metadata = http.GetEndpoint()?.Metadata;
        var headers = metadata?.GetMetadata<CommandHeadersMetadata>()?.Headers ?? CommandHeaders.None;
        var ifMatch = headers.HasFlag(CommandHeaders.IfMatch) ? HeaderValue(http, Preconditions.IfMatchHeader) : null;
        var key = headers.HasFlag(CommandHeaders.IdempotencyKey) ? HeaderValue(http, Idempotency.Header) : null;
        // The body is the argument of the type the endpoint accepts: it is part of the key's fingerprint.
        var bodyType = metadata?.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(a => a is not null && a.GetType() == bodyType);
        if (CommandRequests.Read(http, body, ifMatch, key, out var request) is { } bad) return bad;
        http.Items[ItemKey] = request;
        return await next(context);
    }

    /// <summary>The header as a handler parameter bound it: null when absent, several values joined by commas.</summary>
    private static string? HeaderValue(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}
