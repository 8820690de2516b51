namespace Crm.Write.Customers;

/// <summary>An existing lead or customer that looks like the record being created (CUS-9).</summary>
/// <param name="Kind">"lead" or "customer".</param>
/// <param name="MatchedOn">The fields that matched: name, phone, email.</param>
public sealed record DuplicateCandidate(string Kind, Guid Id, string Name, IReadOnlyList<string> MatchedOn);

/// <summary>
/// Duplicate detection on create: the caller looks the candidates up on the read models (same name,
/// phone or email among leads and customers) and the decider refuses unless told to create anyway.
/// </summary>
public static class DuplicateCheck
{
    public const string Code = "duplicate_suspected";

    public static DomainError? Refusal(IReadOnlyList<DuplicateCandidate>? candidates, bool createAnyway, Guid self)
    {
        var others = (candidates ?? []).Where(c => c.Id != self).ToList();
        if (createAnyway || others.Count == 0) return null;
        var fields = string.Join(", ", others.SelectMany(c => c.MatchedOn).Distinct());
        return DomainError.Conflict(Code, $"{others.Count} existing record(s) have the same {fields}; send createAnyway to create it nonetheless.")
            with { Extensions = new Dictionary<string, object> { ["candidates"] = others } };
    }
}
