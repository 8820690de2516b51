using System.Collections.Immutable;
using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Erasure;

namespace Crm.Write.Customers;

/// <summary>The warning a recycling rule issued: (rule, recycle time) names one cycle.</summary>
public sealed record RecyclingWarning(Guid RuleId, DateTimeOffset RecycleAt);

/// <summary>What the customer decider needs to know about a customer, folded from its stream.</summary>
/// <param name="OwnerId">Null while the customer is in the public pool.</param>
/// <param name="OwnedSince">When the current owner got it (created, claimed, assigned, transferred): recycling counts from here at the earliest.</param>
/// <param name="LostBy">Every user who lost the customer to the pool, with when they last did: the claim-back cooldown.</param>
/// <param name="LastWarning">The last recycling warning; a warning for the same cycle is not repeated.</param>
/// <param name="Erased">Erased, and no personal value recorded since (an edit of a personal field clears it).</param>
/// <param name="Archived">Archived by a clean-up (SET-4): out of lists, still readable and writable.</param>
/// <param name="MergedInto">Merged into this survivor (SET-4): the stream is closed to writes.</param>
public sealed record CustomerState(
    bool Exists,
    Guid Id,
    CustomerFields Fields,
    Guid? OwnerId,
    bool Locked,
    DateTimeOffset OwnedSince,
    DateTimeOffset? LastFollowUpAt,
    ImmutableDictionary<Guid, string> Team,
    ImmutableDictionary<Guid, DateTimeOffset> LostBy,
    RecyclingWarning? LastWarning,
    bool Erased = false,
    bool Archived = false,
    Guid? MergedInto = null)
{
    public static CustomerState None { get; } = new(false, Guid.Empty, new CustomerFields(""), null, false, default, null,
        ImmutableDictionary<Guid, string>.Empty, ImmutableDictionary<Guid, DateTimeOffset>.Empty, null);

    public bool InPool => Exists && OwnerId is null;

    public static CustomerState Evolve(CustomerState state, object @event) => @event switch
    {
        CustomerCreated e => None with { Exists = true, Id = e.CustomerId, Fields = e.Fields, OwnerId = e.OwnerId, OwnedSince = e.At },
        CustomerEdited e => state with
        {
            Fields = state.Fields.Apply(e.Changes), Erased = ErasureRules.StillErased(state.Erased, e.Changes, CustomerFields.Personal),
        },
        CustomerPersonalDataErased => state with { Fields = state.Fields.Erased(), Erased = true },
        CustomerFollowedUp e => state with { LastFollowUpAt = Later(state.LastFollowUpAt, e.At) },
        CustomerTeamMemberAdded e => state with { Team = state.Team.SetItem(e.UserId, e.Access) },
        CustomerTeamMemberAccessChanged e => state with { Team = state.Team.SetItem(e.UserId, e.Access) },
        CustomerTeamMemberRemoved e => state with { Team = state.Team.Remove(e.UserId) },
        CustomerTransferred e => state with { OwnerId = e.OwnerId, OwnedSince = e.At, LastWarning = null },
        CustomerLocked => state with { Locked = true },
        CustomerUnlocked => state with { Locked = false },
        CustomerPutInPool e => Lost(state, e.PreviousOwnerId, e.At),
        CustomerRecycled e => Lost(state, e.PreviousOwnerId, e.At),
        CustomerRecyclingWarned e => state with { LastWarning = new RecyclingWarning(e.RuleId, e.RecycleAt) },
        CustomerClaimed e => state with { OwnerId = e.OwnerId, OwnedSince = e.At, LastWarning = null },
        CustomerAssigned e => state with { OwnerId = e.OwnerId, OwnedSince = e.At, LastWarning = null },
        // A file name may name a person: attached after an erasure, it is new personal data that the next erasure masks.
        Events.Attachments.AttachmentAdded => state with { Erased = false },
        CustomerArchived => state with { Archived = true },
        CustomerUnarchived => state with { Archived = false },
        CustomerMergedInto e => state with { MergedInto = e.SurvivorId },
        _ => state,
    };

    private static CustomerState Lost(CustomerState state, Guid previousOwner, DateTimeOffset at) =>
        state with { OwnerId = null, LostBy = state.LostBy.SetItem(previousOwner, at), LastWarning = null };

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
