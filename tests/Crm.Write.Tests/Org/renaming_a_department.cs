using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;

namespace Crm.Write.Tests.Org;

public sealed class renaming_a_department
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly DepartmentCreated Created = new(Id, "Sales", null);

    [Fact]
    public void a_new_name_is_recorded_with_the_previous_one()
    {
        var decision = Department.Decide(new RenameDepartment(Id, " Sales & Marketing "), Given(Created), Context);
        ThenEvents(decision, new DepartmentRenamed(Id, "Sales & Marketing", "Sales"));
    }

    [Fact]
    public void the_name_it_already_has_changes_nothing()
    {
        var decision = Department.Decide(new RenameDepartment(Id, " Sales"), Given(Created), Context);
        ThenEvents(decision);
    }

    [Fact]
    public void the_previous_name_comes_from_the_latest_rename()
    {
        var decision = Department.Decide(new RenameDepartment(Id, "Revenue"), Given(Created, new DepartmentRenamed(Id, "Growth", "Sales")), Context);
        ThenEvents(decision, new DepartmentRenamed(Id, "Revenue", "Growth"));
    }

    [Fact]
    public void a_blank_name_is_refused()
    {
        ThenRefused(Department.Decide(new RenameDepartment(Id, " "), Given(Created), Context), ErrorKind.Validation, "name_required", "name");
    }

    [Fact]
    public void a_name_of_more_than_100_characters_is_refused()
    {
        ThenRefused(Department.Decide(new RenameDepartment(Id, new string('y', 101)), Given(Created), Context), ErrorKind.Validation, "name_too_long", "name");
    }

    [Fact]
    public void a_department_that_does_not_exist_is_not_found()
    {
        ThenRefused(Department.Decide(new RenameDepartment(Id, "Revenue"), Given(), Context), ErrorKind.NotFound, "department_not_found");
    }
}
