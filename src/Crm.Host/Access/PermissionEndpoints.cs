using Crm.Host.Platform;
using Crm.Write;

namespace Crm.Host.Access;

/// <summary>The endpoint convention for operation permissions: 401 without a signed-in user, 403 without the permission.</summary>
public static class PermissionEndpoints
{
    /// <summary>
    /// Refuses the request unless the caller holds <paramref name="permission"/> (through any role,
    /// or as a super administrator). Use on every endpoint of a module:
    /// <c>group.MapPost("/", Create).RequirePermission("customer.create")</c>. Data scope (404 for
    /// records outside it) is the handler's part, with a <see cref="CallerAccess"/> parameter.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder
    {
        // Fails at start-up, not at the first request, when a name is not in the catalogue.
        if (!Write.Access.PermissionCatalogue.IsKnown(permission))
            throw new ArgumentException($"'{permission}' is not in the permission catalogue.", nameof(permission));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var access = await CallerAccess.ForAsync(context.HttpContext);
            if (access is null) return NotSignedIn();
            if (!access.Can(permission)) return Forbidden(permission);
            return await next(context);
        });
        builder.WithMetadata(new RequiredPermission(permission));
        // UI developers read the required permission where they read the rest of the operation.
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Description = $"{operation.Description} Requires the permission `{permission}`.".TrimStart();
            return Task.CompletedTask;
        });
        return builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static IResult NotSignedIn() => Problem(StatusCodes.Status401Unauthorized, "Sign-in required.", "not_signed_in",
        "Send Authorization: Bearer <token> from POST /api/auth/login.");

    public static IResult Forbidden(string permission) =>
        Problem(StatusCodes.Status403Forbidden, "The operation is not permitted.", "permission_denied", $"None of your roles grants '{permission}'.",
            permission);

    private static IResult Problem(int status, string title, string code, string detail, string? permission = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (permission is not null) extensions["permission"] = permission;
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}

/// <summary>Endpoint metadata: the permission an endpoint requires (for documentation and tests).</summary>
public sealed record RequiredPermission(string Name);
