namespace Crm.Write;

/// <summary>
/// The one answer to a client-chosen id that some stream already holds, or a follow-up id already used:
/// the same status, code and message whatever holds it (a record the caller may not see, a user, a
/// department), so the answer confirms nothing about it.
/// </summary>
public static class TakenIds
{
    public const string Code = "id_taken";

    public static DomainError Refusal(string field = "id") => DomainError.Conflict(Code, "This id cannot be used; choose another.", field);
}
