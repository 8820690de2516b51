using Crm.Events.Imports;
using Crm.Write.Access;
using Crm.Write.Imports;

namespace Crm.Write.Leads;

/// <summary>An import of a parsed lead CSV (issue 16): the rows as the Host's parser read them, for <paramref name="OwnerId"/>.</summary>
public sealed record ImportLeads(Guid ImportId, string? FileName, Guid OwnerId, IReadOnlyList<ImportRowVerdict<AddLead>> Rows);

/// <summary>
/// Writes a lead import: the owner checked once against the caller's lead.import scope (as the customer import does), then each row
/// created through <see cref="LeadHandler"/> (<see cref="RowByRowImport"/>), then the import's record (<see cref="LeadsImported"/>).
/// </summary>
public sealed class LeadImportHandler(LeadHandler leads, Receivers receivers, EventStore.EventStore store)
{
    public async Task<DomainError?> CheckOwnerAsync(Guid ownerId, Caller caller, CancellationToken ct) =>
        ownerId == caller.ActorId ? null : await receivers.CheckAsync(ownerId, "ownerId", caller.VisibleOwners("lead.import"), ct);

    public async Task<CommandOutcome> ImportAsync(ImportLeads command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (await CheckOwnerAsync(command.OwnerId, caller, ct) is { } badOwner) return CommandOutcome.Refused(command.ImportId, badOwner);
        var (written, failures) = await RowByRowImport.WriteAsync(command.ImportId, command.Rows, (lead, r) => leads.CreateAsync(lead, caller, r, ct),
            request, ct);
        var record = new LeadsImported(command.ImportId, command.FileName, command.OwnerId, command.Rows.Count, written, command.Rows.Count - written,
            failures);
        await RowByRowImport.RecordAsync(store, command.ImportId, record, request, ct);
        return new CommandOutcome(command.ImportId, 1, false, [record], null);
    }
}
