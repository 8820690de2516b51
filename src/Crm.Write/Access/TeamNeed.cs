namespace Crm.Write.Access;

/// <summary>What a team member needs for an operation: nothing (team membership does not grant it), read, or read-write access.</summary>
public enum TeamNeed
{
    None,
    Read,
    ReadWrite,
}
