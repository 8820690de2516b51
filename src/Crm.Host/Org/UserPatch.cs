using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

/// <summary>
/// Reads a PATCH body as a JSON merge patch: a field that is absent stays, a field sent as null is
/// cleared. A typed record cannot tell those apart, so the body is read as a JSON object.
/// </summary>
public static class UserPatch
{
    private static readonly string[] Fields = ["mobile", "displayName", "gender", "email", "departmentId", "positionId", "superiorId", "timeZone"];

    public static UserChanges? TryRead(JsonObject body, out ProblemHttpResult? problem)
    {
        problem = null;
        foreach (var (name, _) in body)
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                problem = DomainProblems.Invalid(name, "field_unknown",
                    "This field is not known (roles, super-admin, status and password have their own actions).");
                return null;
            }
        }
        try
        {
            return new UserChanges(Text(body, "mobile"), Text(body, "displayName"), Text(body, "gender"), Text(body, "email"),
                Id(body, "departmentId"), Id(body, "positionId"), Id(body, "superiorId"), Text(body, "timeZone"));
        }
        catch (FieldException e)
        {
            problem = DomainProblems.Invalid(e.Field, "field_invalid", e.Message);
            return null;
        }
    }

    private static Edit<string?>? Text(JsonObject body, string name)
    {
        if (!body.TryGetPropertyValue(name, out var node)) return null;
        if (node is null) return new Edit<string?>(null);
        if (node.GetValueKind() != JsonValueKind.String) throw new FieldException(name, "The value is not valid for this field: send a string or null.");
        return new Edit<string?>(node.GetValue<string>());
    }

    private static Edit<Guid?>? Id(JsonObject body, string name)
    {
        if (!body.TryGetPropertyValue(name, out var node)) return null;
        if (node is null) return new Edit<Guid?>(null);
        if (node.GetValueKind() != JsonValueKind.String || !Guid.TryParse(node.GetValue<string>(), out var id) || id == Guid.Empty)
            throw new FieldException(name, "The value is not valid for this field: send a UUID or null.");
        return new Edit<Guid?>(id);
    }

    private sealed class FieldException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
