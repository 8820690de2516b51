using Crm.Events.Contacts;
using Crm.Events.Customers;
using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>
/// What a merge (SET-4) moves in crm.follow_ups: the merged customer's own follow-ups (CustomerMergedFrom, on the survivor's stream) and
/// each moved contact's, whose later follow-ups are filed under its new customer too (ContactCustomerChanged). Follow-ups of
/// opportunities stay with the customer their opportunity names.
/// </summary>
internal static class MergeMoves
{
    public static IEnumerable<NpgsqlBatchCommand>? Of(object data) => data switch
    {
        CustomerMergedFrom x =>
        [
            Command("update crm.follow_ups set customer_id = @to where record_type = 'customer' and record_id = @from", x.MergedId, x.CustomerId),
        ],
        ContactCustomerChanged x =>
        [
            Command("update crm.follow_up_contacts set customer_id = @to where contact_id = @from", x.ContactId, x.CustomerId),
            Command("update crm.follow_ups set customer_id = @to where record_type = 'contact' and record_id = @from", x.ContactId, x.CustomerId),
        ],
        _ => null,
    };

    private static NpgsqlBatchCommand Command(string sql, Guid from, Guid to) => new(sql)
    {
        Parameters = { new NpgsqlParameter<Guid>("from", from), new NpgsqlParameter<Guid>("to", to) },
    };
}
