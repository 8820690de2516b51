using System.Text.Json;
using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Opportunities;
using Crm.Projections.Org;
using Crm.Write.Opportunities;

namespace Crm.Host.Opportunities;

/// <summary>One product line as sent.</summary>
/// <param name="LineId">An existing line's id keeps that line's snapshot (name, code, unit, price) when the product is the same; absent: a new line.</param>
/// <param name="ProductId">A product on shelf (a new line), priced in the opportunity's currency.</param>
/// <param name="Quantity">More than 0, at most 4 decimal places.</param>
/// <param name="UnitPrice">Default: the product's list price (a kept line: its own unit price). 2 decimal places.</param>
/// <param name="DiscountPercent">0–100; default 0.</param>
public sealed record OpportunityLineRequest(Guid? LineId, [property: MustSend] Guid? ProductId, [property: MustSend] decimal? Quantity, decimal? UnitPrice,
    decimal? DiscountPercent)
{
    public SentLine Line() => new(LineId, ProductId, Quantity, UnitPrice, DiscountPercent);

    /// <summary>The lines as sent (the input check refuses a null among them: 400 item_null naming lines[i]).</summary>
    public static IReadOnlyList<SentLine> Lines(IEnumerable<OpportunityLineRequest>? lines) => (lines ?? []).Select(l => l.Line()).ToList();
}

/// <summary>A new opportunity (SAL-2).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="CustomerId">A customer you can see (else 404 customer_not_found).</param>
/// <param name="ExpectedCloseDate">yyyy-MM-dd.</param>
/// <param name="Custom">Custom fields: a JSON object.</param>
/// <param name="Currency">ISO 4217; default: the first line's product currency; required without lines.</param>
/// <param name="Amount">Sets the amount by hand; absent: the lines' total.</param>
/// <param name="OwnerId">Default: you. Must be inside your opportunity.create data scope.</param>
/// <param name="PipelineId">Default: the default pipeline. The opportunity starts at its first open stage.</param>
public sealed record CreateOpportunityRequest(
    Guid? Id, [property: MustSend] Guid? CustomerId, [property: MustSend] string? Name, string? ExpectedCloseDate, string? Source, string? Remark,
    JsonElement? Custom, IReadOnlyList<OpportunityLineRequest>? Lines, string? Currency, decimal? Amount, Guid? OwnerId, Guid? PipelineId)
{
    public AddOpportunity Command() => new(Id, CustomerId ?? Guid.Empty, new OpportunityInput(Name, ExpectedCloseDate, Source, Remark, Custom),
        OpportunityLineRequest.Lines(Lines), Currency, Amount, OwnerId, PipelineId);
}

/// <summary>Fields to change: only the ones sent change; an empty string clears one.</summary>
/// <param name="Amount">Sets the amount by hand.</param>
/// <param name="AmountFromLines">true: the amount follows the lines' total again.</param>
public sealed record UpdateOpportunityRequest(
    string? Name, string? ExpectedCloseDate, string? Source, string? Remark, JsonElement? Custom, decimal? Amount, bool AmountFromLines = false)
{
    public EditOpportunity Command(Guid id) => new(id, new OpportunityInput(Name, ExpectedCloseDate, Source, Remark, Custom), Amount, AmountFromLines);
}

/// <summary>The opportunity's lines, all of them (PUT replaces the list).</summary>
public sealed record OpportunityLinesRequest([property: MustSend] IReadOnlyList<OpportunityLineRequest>? Lines);

/// <summary>A stage to move to.</summary>
/// <param name="StageId">An open stage of the opportunity's pipeline.</param>
public sealed record AdvanceOpportunityRequest([property: MustSend] Guid? StageId);

/// <summary>Why the opportunity was lost.</summary>
public sealed record LoseOpportunityRequest([property: MustSend] string? Reason);

/// <summary>Where a reopened opportunity starts again.</summary>
/// <param name="StageId">An open stage; default: the last open stage it was at.</param>
public sealed record ReopenOpportunityRequest(Guid? StageId);

/// <summary>A transfer to another owner.</summary>
/// <param name="ToUserId">An enabled user inside your opportunity.transfer data scope.</param>
public sealed record OpportunityTransferRequest([property: MustSend] Guid? ToUserId,
    [property: NullMeans("the previous owner leaves"), WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string? KeepPreviousOwnerAs = null)
{
    public TransferOpportunity Command(Guid id) =>
        new(id, ToUserId ?? Guid.Empty, string.IsNullOrWhiteSpace(KeepPreviousOwnerAs) ? null : KeepPreviousOwnerAs);
}

/// <summary>A transfer of several opportunities at once.</summary>
public sealed record BulkOpportunityTransferRequest([property: MustSend] IReadOnlyList<Guid>? Ids, [property: MustSend] Guid? ToUserId,
    [property: NullMeans("the previous owners leave"), WireValues(TeamAccess.Read, TeamAccess.ReadWrite)] string? KeepPreviousOwnerAs = null);

/// <summary>A search with a JSON filter tree: {"and":[{"field":"outcome","op":"eq","value":"open"}]}.</summary>
public sealed record OpportunitySearchRequest(JsonElement? Filter, string? Q, [property: SortKey] string? Sort, int? Limit, string? Cursor,
    bool IncludeTotal = false);

/// <summary>One product line.</summary>
/// <param name="Subtotal">quantity × unitPrice × (100 − discountPercent) / 100, rounded half away from zero to 2 places.</param>
public sealed record OpportunityLineResponse(
    Guid LineId, Guid ProductId, string ProductName, string ProductCode, string? Unit, decimal Quantity, decimal UnitPrice, decimal DiscountPercent,
    decimal Subtotal)
{
    public static OpportunityLineResponse From(OpportunityLine l) =>
        new(l.LineId, l.ProductId, l.ProductName, l.ProductCode, l.Unit, l.Quantity, l.UnitPrice.Amount, l.DiscountPercent, l.Subtotal.Amount);
}

/// <summary>An opportunity.</summary>
/// <param name="StageName">The stage's name as it was when the opportunity reached it.</param>
/// <param name="StageWinRate">Percent, 0–100.</param>
/// <param name="WeightedAmount">amount × stageWinRate / 100.</param>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
/// <param name="Lines">Detail only; null in lists.</param>
/// <param name="Team">Detail only; null in lists and time travel.</param>
public sealed record OpportunityResponse(
    Guid Id, Guid CustomerId, string Name, DateOnly? ExpectedCloseDate, string? Source, string? Remark, JsonElement? Custom,
    Guid PipelineId, Guid StageId, string StageName, decimal StageWinRate,
    [property: WireValues(StageOutcome.Open, StageOutcome.Won, StageOutcome.Lost)] string Outcome,
    decimal Amount, bool AmountSetByHand, string Currency, decimal WeightedAmount, Guid OwnerId, Guid? LeadId, DateTimeOffset? ClosedAt,
    string? LostReason, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<OpportunityLineResponse>? Lines = null, IReadOnlyList<OpportunityTeamMember>? Team = null)
{
    public static OpportunityResponse From(OpportunityRow r, IReadOnlyList<OpportunityLine>? lines = null, IReadOnlyList<OpportunityTeamMember>? team = null) =>
        new(r.Id, r.CustomerId, r.Fields.Name, r.Fields.ExpectedCloseDate, r.Fields.Source, r.Fields.Remark, r.Fields.Custom,
            r.Stage.PipelineId, r.Stage.StageId, r.Stage.Name, r.Stage.WinRate, r.Stage.Outcome, r.Amount.Amount, r.AmountSetByHand, r.Amount.Currency,
            r.WeightedAmount, r.OwnerId, r.LeadId, r.ClosedAt, r.LostReason, r.Version, r.CreatedAt, r.UpdatedAt,
            (lines ?? r.Lines)?.Select(OpportunityLineResponse.From).ToList(), team);
}

/// <summary>One page of opportunities.</summary>
/// <param name="NextCursor">Pass as ?cursor= (or "cursor" in a search) for the next page; null on the last page.</param>
/// <param name="Total">Only with includeTotal=true.</param>
public sealed record OpportunityListResponse(IReadOnlyList<OpportunityResponse> Items, string? NextCursor, long? Total = null);

/// <summary>An opportunity's operation log, oldest first.</summary>
public sealed record OpportunityHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
