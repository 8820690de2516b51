using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;

namespace Crm.Write.Tests.Org;

public sealed class moving_a_department
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid OldParent = Guid.CreateVersion7();
    private static readonly Guid NewParent = Guid.CreateVersion7();
    private static readonly Guid Top = Guid.CreateVersion7();
    private static readonly DepartmentCreated Created = new(Id, "East", OldParent);

    [Fact]
    public void a_move_under_another_department_records_the_new_and_previous_parent()
    {
        var decision = Department.Decide(new MoveDepartment(Id, NewParent, [NewParent, Top]), Given(Created), Context);
        ThenEvents(decision, new DepartmentMoved(Id, NewParent, OldParent));
    }

    [Fact]
    public void a_move_to_the_top_level_needs_no_parent()
    {
        var decision = Department.Decide(new MoveDepartment(Id, null, null), Given(Created), Context);
        ThenEvents(decision, new DepartmentMoved(Id, null, OldParent));
    }

    [Fact]
    public void a_move_to_the_parent_it_already_has_changes_nothing()
    {
        ThenEvents(Department.Decide(new MoveDepartment(Id, OldParent, [OldParent]), Given(Created), Context));
    }

    [Fact]
    public void a_top_level_department_moved_to_the_top_level_changes_nothing()
    {
        ThenEvents(Department.Decide(new MoveDepartment(Id, null, null), Given(new DepartmentCreated(Id, "Sales", null)), Context));
    }

    [Fact]
    public void a_move_under_itself_is_refused_as_a_cycle()
    {
        var decision = Department.Decide(new MoveDepartment(Id, Id, [Id, OldParent]), Given(Created), Context);
        ThenRefused(decision, ErrorKind.Conflict, "department_cycle", "parentId");
    }

    [Fact]
    public void a_move_under_its_own_descendant_is_refused_as_a_cycle()
    {
        var grandChild = Guid.CreateVersion7();
        var child = Guid.CreateVersion7();
        var decision = Department.Decide(new MoveDepartment(Id, grandChild, [grandChild, child, Id, OldParent]), Given(Created), Context);
        ThenRefused(decision, ErrorKind.Conflict, "department_cycle", "parentId");
    }

    [Fact]
    public void a_parent_that_does_not_exist_is_refused()
    {
        var decision = Department.Decide(new MoveDepartment(Id, NewParent, null), Given(Created), Context);
        ThenRefused(decision, ErrorKind.Unprocessable, "parent_not_found", "parentId");
    }

    [Fact]
    public void a_department_that_does_not_exist_is_not_found()
    {
        var decision = Department.Decide(new MoveDepartment(Id, NewParent, [NewParent]), Given(), Context);
        ThenRefused(decision, ErrorKind.NotFound, "department_not_found");
    }

    [Fact]
    public void the_previous_parent_comes_from_the_latest_move()
    {
        var decision = Department.Decide(new MoveDepartment(Id, null, null), Given(Created, new DepartmentMoved(Id, NewParent, OldParent)), Context);
        ThenEvents(decision, new DepartmentMoved(Id, null, NewParent));
    }
}
