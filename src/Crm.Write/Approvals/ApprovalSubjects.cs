namespace Crm.Write.Approvals;

/// <summary>
/// The record kinds that go through approval, as registered in DI (one <see cref="IApprovalSubject"/> per kind): a new kind is
/// one more registration, never a copy of the engine.
/// </summary>
public sealed class ApprovalSubjects
{
    private readonly Dictionary<string, IApprovalSubject> byKind;

    public ApprovalSubjects(IEnumerable<IApprovalSubject> subjects)
    {
        byKind = new Dictionary<string, IApprovalSubject>(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            if (!byKind.TryAdd(subject.Kind, subject)) throw new InvalidOperationException($"Two approval subjects claim the record kind '{subject.Kind}'.");
        }
    }

    public IReadOnlyCollection<string> Kinds => byKind.Keys;

    public IReadOnlyCollection<IApprovalSubject> All => byKind.Values;

    public IApprovalSubject? Find(string? kind) => kind is not null && byKind.TryGetValue(kind, out var subject) ? subject : null;

    public static DomainError UnknownKind(string? kind, IEnumerable<string> known) => DomainError.Unprocessable("recordKind", "record_kind_unknown",
        $"'{kind}' is not a record kind that goes through approval; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
}
