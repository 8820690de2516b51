using Crm.Events.Imports;
using Crm.Write.Imports;

namespace Crm.Write.Contacts;

/// <summary>An import of a parsed contact CSV (issue 16): each row names its customer.</summary>
public sealed record ImportContacts(Guid ImportId, string? FileName, IReadOnlyList<ImportRowVerdict<AddContact>> Rows);

/// <summary>
/// Writes a contact import: each row created through <see cref="ContactHandler"/> (<see cref="RowByRowImport"/>: the customer must be
/// one the caller may add contacts to, else the row fails as the API call would), then the import's record (<see cref="ContactsImported"/>).
/// </summary>
public sealed class ContactImportHandler(ContactHandler contacts, EventStore.EventStore store)
{
    public async Task<CommandOutcome> ImportAsync(ImportContacts command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var (written, failures) = await RowByRowImport.WriteAsync(command.ImportId, command.Rows,
            (contact, r) => contacts.AddAsync(contact, caller, r, ct), request, ct);
        var record = new ContactsImported(command.ImportId, command.FileName, command.Rows.Count, written, command.Rows.Count - written, failures);
        await RowByRowImport.RecordAsync(store, command.ImportId, record, request, ct);
        return new CommandOutcome(command.ImportId, 1, false, [record], null);
    }
}
