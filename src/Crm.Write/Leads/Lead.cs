using Crm.EventStore;
using Crm.Events;
using Crm.Events.Leads;
using Crm.Write.Customers;
using Crm.Write.Erasure;

namespace Crm.Write.Leads;

public sealed record CreateLead(Guid LeadId, LeadInput Fields, Guid OwnerId, IReadOnlyList<DuplicateCandidate>? Duplicates = null, bool CreateAnyway = false);

public sealed record EditLead(Guid LeadId, LeadInput Fields);

public sealed record FollowUpLead(Guid LeadId, Guid FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

public sealed record TransferLead(Guid LeadId, Guid NewOwnerId);

/// <summary>
/// Record what the lead became. The caller creates the customer (and contact) from
/// <see cref="Lead.CustomerInputFrom"/> and appends all the streams in one transaction.
/// </summary>
/// <param name="OpportunityId">The opportunity created in the same append, or null for none.</param>
public sealed record ConvertLead(Guid LeadId, Guid CustomerId, Guid? ContactId, Guid? OpportunityId = null);

public sealed record PutLeadInPool(Guid LeadId, string? Reason);

/// <summary>
/// A data subject's request to erase the lead's personal data (docs/event-store.md, "Erasure"); the reason is required. A converted lead
/// may be erased too: the customer and contact it became keep their own copies.
/// </summary>
public sealed record EraseLead(Guid LeadId, string? Reason);

/// <summary>What a converted lead became (a record, not a tuple: the state is kept as a JSON snapshot, which drops tuples' fields).</summary>
public sealed record LeadConvertedTo(Guid CustomerId, Guid? ContactId, Guid? OpportunityId);

/// <summary>The claimant is the actor (CommandContext.ActorId). The lead pool has no claim limit (LEAD-7; the limit is the customer pool's, CUS-6).</summary>
public sealed record ClaimLead(Guid LeadId);

/// <param name="ConvertedTo">The customer (and contact, and opportunity) the lead became; a converted lead is closed.</param>
/// <param name="Erased">Erased, and no personal value recorded since (an edit of a personal field clears it).</param>
public sealed record LeadState(
    bool Exists, Guid Id, LeadFields Fields, Guid? OwnerId, LeadConvertedTo? ConvertedTo, bool Erased = false)
{
    public static LeadState None { get; } = new(false, Guid.Empty, new LeadFields(""), null, null);

    public bool InPool => Exists && OwnerId is null;

    public static LeadState Evolve(LeadState state, object @event) => @event switch
    {
        LeadCreated e => new LeadState(true, e.LeadId, e.Fields, e.OwnerId, null),
        LeadEdited e => state with
        {
            Fields = state.Fields.Apply(e.Changes), Erased = ErasureRules.StillErased(state.Erased, e.Changes, LeadFields.Personal),
        },
        LeadPersonalDataErased => state with { Fields = state.Fields.Erased(), Erased = true },
        LeadTransferred e => state with { OwnerId = e.OwnerId },
        LeadConverted e => state with { ConvertedTo = new LeadConvertedTo(e.CustomerId, e.ContactId, e.OpportunityId) },
        LeadPutInPool => state with { OwnerId = null },
        LeadClaimed e => state with { OwnerId = e.OwnerId },
        // A file name may name a person: attached after an erasure, it is new personal data that the next erasure masks.
        Events.Attachments.AttachmentAdded => state with { Erased = false },
        _ => state,
    };
}

/// <summary>The lead decider (LEAD-1…7): one lead per stream.</summary>
public static class Lead
{
    public const string StreamType = "lead";

    public static Decider<LeadState> Decider { get; } = new(StreamType, LeadState.None, LeadState.Evolve)
    {
        Snapshots = SnapshotPolicy.For<LeadState>(),
    };

    public static Decision Decide(CreateLead command, LeadState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("lead_exists", $"Lead {command.LeadId} already exists.", "id");
        var (fields, invalid) = command.Fields.Validate();
        if (invalid is not null) return invalid;
        if (DuplicateCheck.Refusal(command.Duplicates, command.CreateAnyway, command.LeadId) is { } duplicate) return duplicate;
        return Decision.Accept(new LeadCreated(command.LeadId, fields!, command.OwnerId));
    }

    public static Decision Decide(EditLead command, LeadState state, CommandContext context)
    {
        if (Closed(command.LeadId, state) is { } refused) return refused;
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate();
        if (invalid is not null) return invalid;
        var changes = state.Fields.ChangesTo(fields!);
        return changes.Count == 0 ? Decision.Nothing : Decision.Accept(new LeadEdited(state.Id, changes));
    }

    // A converted lead still takes follow-ups: they record what happened around the conversion.
    public static Decision Decide(FollowUpLead command, LeadState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.LeadId);
        if (FollowUpRules.Check(FollowUpRules.LeadKinds, command.Kind, command.Content, command.NextContactAt, context.Now) is { } invalid) return invalid;
        return Decision.Accept(new LeadFollowedUp(state.Id, command.FollowUpId, command.Kind!, command.Content!.Trim(), command.NextContactAt));
    }

    public static Decision Decide(TransferLead command, LeadState state, CommandContext context)
    {
        if (Closed(command.LeadId, state) is { } refused) return refused;
        if (state.OwnerId is not { } previous)
            return DomainError.Conflict("lead_in_pool", "The lead is in the lead pool: claim it instead.");
        if (previous == command.NewOwnerId) return Decision.Nothing;
        return Decision.Accept(new LeadTransferred(state.Id, command.NewOwnerId, previous));
    }

    public static Decision Decide(ConvertLead command, LeadState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.LeadId);
        if (state.ConvertedTo is { } done)
            return done.CustomerId == command.CustomerId && done.ContactId == command.ContactId && done.OpportunityId == command.OpportunityId
                ? Decision.Nothing
                : DomainError.Conflict("lead_converted", $"The lead was already converted into customer {done.CustomerId}.");
        return Decision.Accept(new LeadConverted(state.Id, command.CustomerId, command.ContactId, command.OpportunityId));
    }

    public static Decision Decide(PutLeadInPool command, LeadState state, CommandContext context)
    {
        if (Closed(command.LeadId, state) is { } refused) return refused;
        if (state.OwnerId is not { } owner) return Decision.Nothing;
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is { Length: > 500 }) return DomainError.Invalid("reason", "reason_too_long", "reason has at most 500 characters.");
        return Decision.Accept(new LeadPutInPool(state.Id, owner, reason));
    }

    public static Decision Decide(ClaimLead command, LeadState state, CommandContext context)
    {
        if (Closed(command.LeadId, state) is { } refused) return refused;
        if (context.ActorId is not { } claimant) return DomainError.Unprocessable("actor", "claimant_unknown", "Only a signed-in user can claim a lead.");
        if (!state.InPool) return DomainError.Conflict("lead_not_in_pool", "The lead is not in the lead pool (someone may have claimed it first).");
        return Decision.Accept(new LeadClaimed(state.Id, claimant));
    }

    public static Decision Decide(EraseLead command, LeadState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.LeadId);
        return ErasureRules.Decide("lead", state.Id, state.Erased, command.Reason, LeadFields.Personal,
            reason => new LeadPersonalDataErased(state.Id, reason, LeadFields.Personal, context.Now));
    }

    /// <summary>The customer fields a conversion starts from: the lead's own, company name first.</summary>
    public static CustomerInput CustomerInputFrom(LeadState state) => new(
        Name: state.Fields.Company ?? state.Fields.Name, Level: state.Fields.Level, Industry: state.Fields.Industry,
        Source: state.Fields.Source, Address: state.Fields.Address, Phone: state.Fields.Phone, Email: state.Fields.Email,
        Remark: state.Fields.Remark);

    /// <summary>A lead that does not exist, or was converted (closed to edits, transfers and the pool).</summary>
    internal static DomainError? Closed(Guid id, LeadState state)
    {
        if (!state.Exists) return NotFound(id);
        if (state.ConvertedTo is { } done)
            return DomainError.Conflict("lead_converted", $"The lead was converted into customer {done.CustomerId} and can no longer change.");
        return null;
    }

    private static DomainError NotFound(Guid id) => DomainError.NotFound("lead_not_found", $"Lead {id} does not exist.");
}
