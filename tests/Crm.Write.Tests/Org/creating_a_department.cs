using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;

namespace Crm.Write.Tests.Org;

public sealed class creating_a_department
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid ParentId = Guid.CreateVersion7();

    [Fact]
    public void a_top_level_department_is_created_with_its_trimmed_name()
    {
        var decision = Department.Decide(new CreateDepartment(Id, "  Sales  ", null, false), Given(), Context);
        ThenEvents(decision, new DepartmentCreated(Id, "Sales", null));
    }

    [Fact]
    public void a_department_under_an_existing_parent_records_the_parent()
    {
        var decision = Department.Decide(new CreateDepartment(Id, "East", ParentId, true), Given(), Context);
        ThenEvents(decision, new DepartmentCreated(Id, "East", ParentId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_department_without_a_name_is_refused(string? name)
    {
        var decision = Department.Decide(new CreateDepartment(Id, name, null, false), Given(), Context);
        ThenRefused(decision, ErrorKind.Validation, "name_required", "name");
    }

    [Fact]
    public void a_name_of_more_than_100_characters_is_refused()
    {
        var decision = Department.Decide(new CreateDepartment(Id, new string('x', 101), null, false), Given(), Context);
        ThenRefused(decision, ErrorKind.Validation, "name_too_long", "name");
    }

    [Fact]
    public void a_name_of_exactly_100_characters_after_trimming_is_accepted()
    {
        var name = new string('x', 100);
        var decision = Department.Decide(new CreateDepartment(Id, $" {name} ", null, false), Given(), Context);
        ThenEvents(decision, new DepartmentCreated(Id, name, null));
    }

    [Fact]
    public void a_parent_that_does_not_exist_is_refused()
    {
        var decision = Department.Decide(new CreateDepartment(Id, "East", ParentId, false), Given(), Context);
        ThenRefused(decision, ErrorKind.Unprocessable, "parent_not_found", "parentId");
    }

    [Fact]
    public void a_department_that_already_exists_is_not_created_twice()
    {
        var decision = Department.Decide(new CreateDepartment(Id, "Sales", null, false), Given(new DepartmentCreated(Id, "Sales", null)), Context);
        ThenRefused(decision, ErrorKind.Conflict, "department_exists");
    }
}
