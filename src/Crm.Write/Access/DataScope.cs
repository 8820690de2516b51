namespace Crm.Write.Access;

/// <summary>Whose records a role reaches (数据权限), from narrowest to widest.</summary>
public enum DataScope
{
    /// <summary>Only the holder's own records (仅本人).</summary>
    Self,

    /// <summary>The holder's and those of everyone whose direct-superior chain reaches the holder (本人及下属).</summary>
    SelfAndSubordinates,

    /// <summary>Records of the users of the holder's department (本部门).</summary>
    Department,

    /// <summary>Records of the users of the holder's department and all departments below it (本部门及下属部门).</summary>
    DepartmentAndChildren,

    /// <summary>Everyone's records (全部).</summary>
    All,
}

/// <summary>The stable names data scopes are stored and sent under.</summary>
public static class DataScopes
{
    public static IReadOnlyList<string> Names { get; } = ["self", "self_and_subordinates", "department", "department_and_children", "all"];

    public static string NameOf(DataScope scope) => Names[(int)scope];

    public static bool TryParse(string? name, out DataScope scope)
    {
        var index = name is null ? -1 : Names.ToList().IndexOf(name);
        scope = index < 0 ? DataScope.Self : (DataScope)index;
        return index >= 0;
    }
}
