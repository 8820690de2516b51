using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Write.Customers;

namespace Crm.Host.RecordCare;

/// <summary>Merge <paramref name="MergedId"/> into <paramref name="SurvivorId"/> (SET-4).</summary>
/// <param name="SurvivorId">The customer that stays; If-Match is its version.</param>
/// <param name="MergedId">The duplicate: its contacts and follow-ups move to the survivor, and its stream is closed.</param>
public sealed record MergeCustomersRequest([property: MustSend] Guid? SurvivorId, [property: MustSend] Guid? MergedId);

/// <summary>Put the fields back to what they were at <paramref name="Version"/>.</summary>
/// <param name="Version">1 (as created) to the current version.</param>
public sealed record RestoreRequest([property: MustSend] long? Version);

/// <summary>Archive one customer.</summary>
/// <param name="Reason">Optional, at most 500 characters; kept in the log.</param>
public sealed record ArchiveRequest(string? Reason);

/// <summary>Archive several customers; each is its own transaction.</summary>
/// <param name="Ids">1 to 200 customers.</param>
/// <param name="Reason">Optional, at most 500 characters; kept in each customer's log.</param>
public sealed record BulkArchiveRequest([property: MustSend] IReadOnlyList<Guid>? Ids, string? Reason);

/// <summary>Whether a customer is archived or merged.</summary>
/// <param name="ArchivedAt">When it was archived; null: not archived.</param>
/// <param name="MergedInto">The survivor it was merged into; null: not merged. A merged customer takes no more changes.</param>
public sealed record CustomerCareResponse(Guid Id, DateTimeOffset? ArchivedAt, string? Reason, Guid? MergedInto, DateTimeOffset? MergedAt);

/// <summary>Customers that look like a given one.</summary>
public sealed record DuplicateListResponse(IReadOnlyList<DuplicateCandidateView> Items);

/// <summary>One page of archive candidates, least recently changed first.</summary>
/// <param name="Before">The cut-off: candidates have not changed since.</param>
public sealed record ArchiveCandidatesResponse(IReadOnlyList<CustomerResponse> Items, string? NextCursor, DateTimeOffset Before);
