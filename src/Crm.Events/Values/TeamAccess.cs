namespace Crm.Events;

/// <summary>
/// What a customer's team member may do (CUS-3). Stored as text, not an enum number, so the stored
/// events stay readable and reordering members of a C# enum can never change their meaning.
/// </summary>
public static class TeamAccess
{
    public const string Read = "read";
    public const string ReadWrite = "read_write";

    public static bool IsValid(string? access) => access is Read or ReadWrite;
}
