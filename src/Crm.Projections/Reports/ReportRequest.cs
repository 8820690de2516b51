using Crm.Projections.Filtering;

namespace Crm.Projections.Reports;

/// <summary>
/// Whose records a report counts, per kind of record: the owners in both the caller's report scope and the kind's list scope,
/// plus the records whose team <paramref name="ViewerId"/> is on (as the lists show them). An empty, not-all scope counts nothing,
/// team records included: a caller who cannot list a kind has no such records in a report.
/// </summary>
public sealed record ReportScopes(
    OwnerScope Leads, OwnerScope Customers, OwnerScope Opportunities, OwnerScope Contracts, OwnerScope Payments, Guid ViewerId);

/// <summary>One report asked for: the scopes, the range, the grouping, a parsed filter tree over the report's fields.</summary>
/// <param name="Owners">Only the records of these owners (the userId or departmentId filter, already within the report scope); null: all.</param>
public sealed record ReportRequest(ReportScopes Scopes, ReportWindow Window, string GroupBy, FilterNode? Filter = null, IReadOnlyList<Guid>? Owners = null);
