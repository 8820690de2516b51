namespace Crm.Events.Customers;

// Record care (SET-4): archiving, merging duplicates. A restore to an earlier version is a CustomerEdited whose
// RestoredFromVersion names the version restored, so every reader of edits (the row, history, analytics) takes it as one.

/// <summary>The customer was archived (clean-up): it leaves lists, stays readable, and can be unarchived or restored.</summary>
/// <param name="UntouchedSince">When it last changed before the archive, as the clean-up saw it.</param>
public sealed record CustomerArchived(Guid CustomerId, string? Reason, DateTimeOffset UntouchedSince, DateTimeOffset At);

/// <summary>An archived customer is back in lists.</summary>
public sealed record CustomerUnarchived(Guid CustomerId, DateTimeOffset At);

/// <summary>
/// A duplicate, <paramref name="MergedId"/>, was merged into this customer (the survivor): its contacts moved here (each recording a
/// ContactCustomerChanged in the same transaction) and its own and its contacts' follow-ups are listed here from now on. The merged
/// customer's stream keeps its history and ends with CustomerMergedInto. Named by id only: its name is personal data of its own stream.
/// </summary>
public sealed record CustomerMergedFrom(Guid CustomerId, Guid MergedId, IReadOnlyList<Guid> ContactIds, DateTimeOffset At);

/// <summary>The customer was merged into <paramref name="SurvivorId"/>: its stream is closed to writes from now on.</summary>
public sealed record CustomerMergedInto(Guid CustomerId, Guid SurvivorId, IReadOnlyList<Guid> ContactIds, DateTimeOffset At);
