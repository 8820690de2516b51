using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;

namespace Crm.Write.Tests.Org;

public sealed class deleting_a_department
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Parent = Guid.CreateVersion7();
    private static readonly DepartmentCreated Created = new(Id, "East", Parent);

    [Fact]
    public void an_empty_department_is_deleted_recording_its_name_and_parent() =>
        ThenEvents(Department.Decide(new DeleteDepartment(Id, 0, 0, 0), Given(Created), Context), new DepartmentDeleted(Id, "East", Parent));

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void a_department_with_sub_departments_users_or_positions_is_refused(int subDepartments, int users, int positions) =>
        ThenRefused(Department.Decide(new DeleteDepartment(Id, subDepartments, users, positions), Given(Created), Context), ErrorKind.Conflict, "department_not_empty");

    [Fact]
    public void a_deleted_department_can_be_neither_deleted_renamed_nor_moved_again()
    {
        var deleted = Given(Created, new DepartmentDeleted(Id, "East", Parent));
        ThenRefused(Department.Decide(new DeleteDepartment(Id, 0, 0, 0), deleted, Context), ErrorKind.NotFound, "department_not_found");
        ThenRefused(Department.Decide(new RenameDepartment(Id, "West"), deleted, Context), ErrorKind.NotFound, "department_not_found");
        ThenRefused(Department.Decide(new MoveDepartment(Id, null, null), deleted, Context), ErrorKind.NotFound, "department_not_found");
    }

    [Fact]
    public void its_id_cannot_be_reused_for_a_new_department() =>
        ThenRefused(Department.Decide(new CreateDepartment(Id, "Again", null, false), Given(Created, new DepartmentDeleted(Id, "East", Parent)), Context),
            ErrorKind.Conflict, "department_exists", "id");

    [Fact]
    public void an_unknown_department_is_not_found() =>
        ThenRefused(Department.Decide(new DeleteDepartment(Id, 0, 0, 0), Given(), Context), ErrorKind.NotFound, "department_not_found");
}
