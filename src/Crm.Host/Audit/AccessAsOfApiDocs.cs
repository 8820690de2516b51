using Crm.Host.Platform;

namespace Crm.Host.Audit;

/// <summary>What the OpenAPI document says about the access-as-of routes, beside the routes.</summary>
internal static class AccessAsOfApiDocs
{
    public static ApiDoc For(string kind) => new(
        $"Who could see this {kind} at a moment, and why",
        $"Every user who could read the {kind} (its {kind}.detail) at ?asOf= (default now), each with the rules that let them: "
        + "super_administrator, owner, a role's data scope over the owner (self_and_subordinates, department, department_and_children, all), "
        + (kind == "contact" ? "the customer's owner and team (a contact is reached through its customer), " : "")
        + (kind is "customer" or "opportunity" or "contract" ? "a team place (read or read_write), " : "")
        + (kind is "customer" or "lead" ? "the public pool's permission while it had no owner, " : "")
        + "with the names, departments and roles of then. Answered from events alone: the org (departments, roles, users' departments, "
        + "superiors, roles, disabling) and the record folded as of the moment, judged by the live permission engine's own rules, so for "
        + "now it agrees with what the API lets each user read. Disabled users could see nothing. A moment after now is answered as now. "
        + $"404 {kind}_not_found when the {kind} did not exist at that moment. The answer names people and their rights over any "
        + "record, whatever the caller's data scope: grant audit.access to administrators and auditors only (docs/access.md).")
    {
        Response = kind == "contact" ? ContactExample : Example(kind),
        Problems = [400, 404],
    };

    private static string Example(string kind) => $$"""
        {"kind":"{{kind}}","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","asOf":"2026-03-01T00:00:00+00:00","version":4,
         "permission":"{{kind}}.detail",
         "owner":{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d12","name":"Bo","departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d20",
          "departmentName":"East"},
         "team":[],"customer":null,
         "viewers":[{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d13","name":"Ada","departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21",
          "departmentName":"Sales","isSuperAdmin":false,
          "roles":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d30","name":"Sales managers","dataScope":"department_and_children"}],
          "grants":[{"rule":"department_and_children","via":"owner",
           "explanation":"Scope department_and_children of role Sales managers over owner Bo in department East, below Ada's department Sales; …",
           "roleId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d30","roleName":"Sales managers","dataScope":"department_and_children",
           "ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d12","ownerDepartmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d20",
           "teamAccess":null,"chain":null,"poolPermission":null}]}]}
        """;

    private const string ContactExample = """
        {"kind":"contact","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","asOf":"2026-03-01T00:00:00+00:00","version":2,
         "permission":"contact.detail",
         "owner":{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d12","name":"Bo","departmentId":null,"departmentName":null},"team":[],
         "customer":{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d40","existed":true,"owner":{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d12","name":"Bo",
          "departmentId":null,"departmentName":null},"team":[{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d14","name":"Cy","access":"read"}]},
         "viewers":[{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d14","name":"Cy","departmentId":null,"departmentName":null,"isSuperAdmin":false,
          "roles":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31","name":"Reps","dataScope":"self"}],
          "grants":[{"rule":"team","via":"customer_team","explanation":"Cy was on its customer's team with read access.","roleId":null,
           "roleName":null,"dataScope":null,"ownerId":null,"ownerDepartmentId":null,"teamAccess":"read","chain":null,"poolPermission":null}]}]}
        """;
}
