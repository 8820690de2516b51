using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Contacts;
using Crm.Write;
using Crm.Write.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Contacts;

public static partial class ContactEndpoints
{
    /// <summary>Create a contact.</summary>
    private static async Task<Results<Created<ContactResponse>, ProblemHttpResult>> Create(CreateContactRequest body, [AsParameters] ContactServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (body.CustomerId is not { } customerId) return DomainProblems.Invalid("customerId", "customer_required", "customerId names the contact's customer.");
        var outcome = await s.Handler.AddAsync(new AddContact(body.Id, customerId, body.Input()), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/contacts/{outcome.StreamId}", await Written(outcome, s));
    }

    /// <summary>Change a contact's fields.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> Update(Guid id, UpdateContactRequest body, [AsParameters] ContactServices s)
    {
        var outcome = await s.Handler.EditAsync(new EditContact(id, body.Input()), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>Record a follow-up on a contact.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Created<ContactResponse>, ProblemHttpResult>> AddFollowUp(Guid id, FollowUpRequest body, [AsParameters] ContactServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddContactFollowUp(id, body.Id, body.Kind, body.Content, body.NextContactAt);
        var outcome = await s.Handler.FollowUpAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/contacts/{id}/follow-ups", await Written(outcome, s));
    }

    /// <summary>Transfer a contact.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> Transfer(Guid id, ContactTransferRequest body, [AsParameters] ContactServices s)
    {
        var outcome = await s.Handler.TransferAsync(new TransferContact(id, body.ToUserId ?? Guid.Empty), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>Erase a contact's personal data.</summary>
    /// <param name="id">The contact's id.</param>
    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> Erase(Guid id, ErasePersonalDataRequest body, [AsParameters] ContactServices s)
    {
        var outcome = await s.Handler.EraseAsync(new EraseContact(id, body.Reason), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>The contact as the command left it (read at the version it wrote), with its ETag.</summary>
    internal static async Task<ContactResponse> Written(CommandOutcome outcome, ContactServices s) =>
        ContactResponse.From(await s.Http.WrittenAsync(outcome, "Contact",
            (id, version, t) => s.Store.ReadAsOfAsync<ContactRow>(id, version, null, ContactRow.Evolve, t),
            r => r.Version, s.Ct));
}
