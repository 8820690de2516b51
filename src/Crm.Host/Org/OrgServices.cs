using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Projections.Org;
using Crm.Write.Org;

namespace Crm.Host.Org;

// What the org endpoints take besides the request's own values, each bound as one parameter ([AsParameters]).

public readonly record struct DepartmentServices(
    HttpContext Http, CallerAccess Caller, DepartmentHandler Handler, DepartmentQueries Queries, CancellationToken Ct);

public readonly record struct PositionServices(HttpContext Http, CallerAccess Caller, PositionHandler Handler, PositionQueries Queries, CancellationToken Ct);

public readonly record struct RoleServices(HttpContext Http, CallerAccess Caller, RoleHandler Handler, RoleQueries Queries, CancellationToken Ct);

public readonly record struct UserServices(
    HttpContext Http, CallerAccess Caller, UserHandler Handler, UserQueries Queries, Passwords Passwords, CancellationToken Ct);
