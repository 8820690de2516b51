using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Customers;

/// <summary>How an erasure reads in an operation log (customers, leads, contacts): the reason and the fields erased, never values.</summary>
public static class ErasureChanges
{
    public static Change[] Of(string reason, IReadOnlyList<string> fields) =>
        [new Change("reason", null, reason), new Change("erasedFields", null, string.Join(", ", fields))];
}
