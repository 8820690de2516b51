namespace Crm.Projections.Filtering;

/// <summary>
/// The departmentId list filter: the department the record's owner is in now, read from org.users as
/// the department data scopes are. The rows' own department_id column is never fed (an owner's move
/// would have to rewrite every record they own), so filtering on it matched nothing.
/// </summary>
public static class OwnerDepartment
{
    /// <param name="alias">The alias of the record table, whose owner_id names the owner.</param>
    public static string Of(string alias) => $"(select u.department_id from org.users u where u.id = {alias}.owner_id)";
}
