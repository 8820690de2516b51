using Crm.Events.Org;
using Crm.Write.Org;
using static Crm.Write.Tests.Org.DepartmentSpecification;

namespace Crm.Write.Tests.Org;

public sealed class managing_positions
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Sales = Guid.CreateVersion7();
    private static readonly Guid Boss = Guid.CreateVersion7();
    private static readonly PositionCreated Created = new(Id, "Sales rep", Sales, null);

    private static PositionState Given(params object[] events) => Position.Decider.Fold(Position.Decider.Initial, events);

    [Fact]
    public void a_position_is_created_in_an_existing_department_under_an_existing_superior() =>
        ThenEvents(Position.Decide(new CreatePosition(Id, " Sales rep ", Sales, true, Boss, true), Given(), Context), new PositionCreated(Id, "Sales rep", Sales, Boss));

    [Fact]
    public void bad_names_missing_or_unknown_departments_and_unknown_superiors_are_refused()
    {
        ThenRefused(Position.Decide(new CreatePosition(Id, " ", Sales, true, null, false), Given(), Context), ErrorKind.Validation, "name_required", "name");
        ThenRefused(Position.Decide(new CreatePosition(Id, new string('p', 101), Sales, true, null, false), Given(), Context), ErrorKind.Validation, "name_too_long", "name");
        ThenRefused(Position.Decide(new CreatePosition(Id, "Rep", null, false, null, false), Given(), Context), ErrorKind.Validation, "department_required", "departmentId");
        ThenRefused(Position.Decide(new CreatePosition(Id, "Rep", Sales, false, null, false), Given(), Context), ErrorKind.Unprocessable, "department_not_found", "departmentId");
        ThenRefused(Position.Decide(new CreatePosition(Id, "Rep", Sales, true, Boss, false), Given(), Context), ErrorKind.Unprocessable, "superior_position_not_found", "superiorPositionId");
        ThenRefused(Position.Decide(new CreatePosition(Id, "Rep", Sales, true, null, false), Given(Created), Context), ErrorKind.Conflict, "position_exists", "id");
    }

    [Fact]
    public void a_rename_and_a_department_move_are_two_events_naming_old_and_new()
    {
        var east = Guid.CreateVersion7();
        ThenEvents(Position.Decide(new ChangePosition(Id, "Senior rep", east, true), Given(Created), Context),
            new PositionRenamed(Id, "Senior rep", "Sales rep"), new PositionDepartmentChanged(Id, east, Sales));
        ThenEvents(Position.Decide(new ChangePosition(Id, "Sales rep", Sales, true), Given(Created), Context));
        ThenRefused(Position.Decide(new ChangePosition(Id, null, east, false), Given(Created), Context), ErrorKind.Unprocessable, "department_not_found", "departmentId");
    }

    [Fact]
    public void a_superior_is_set_changed_and_removed()
    {
        ThenEvents(Position.Decide(new SetSuperiorPosition(Id, Boss, [Boss]), Given(Created), Context), new PositionSuperiorChanged(Id, Boss, null));
        ThenEvents(Position.Decide(new SetSuperiorPosition(Id, null, null), Given(Created, new PositionSuperiorChanged(Id, Boss, null)), Context),
            new PositionSuperiorChanged(Id, null, Boss));
        ThenEvents(Position.Decide(new SetSuperiorPosition(Id, null, null), Given(Created), Context));
    }

    [Fact]
    public void reporting_to_itself_or_to_a_position_below_it_is_refused_as_a_cycle()
    {
        var below = Guid.CreateVersion7();
        ThenRefused(Position.Decide(new SetSuperiorPosition(Id, Id, [Id]), Given(Created), Context), ErrorKind.Conflict, "position_cycle", "superiorPositionId");
        ThenRefused(Position.Decide(new SetSuperiorPosition(Id, below, [below, Id]), Given(Created), Context), ErrorKind.Conflict, "position_cycle", "superiorPositionId");
        ThenRefused(Position.Decide(new SetSuperiorPosition(Id, below, null), Given(Created), Context), ErrorKind.Unprocessable, "superior_position_not_found", "superiorPositionId");
    }

    [Fact]
    public void a_position_is_deleted_only_when_nobody_holds_it_and_nothing_reports_to_it()
    {
        ThenEvents(Position.Decide(new DeletePosition(Id, 0, 0), Given(Created), Context), new PositionDeleted(Id, "Sales rep", Sales));
        ThenRefused(Position.Decide(new DeletePosition(Id, 2, 0), Given(Created), Context), ErrorKind.Conflict, "position_in_use");
        ThenRefused(Position.Decide(new DeletePosition(Id, 0, 1), Given(Created), Context), ErrorKind.Conflict, "position_has_subordinates");
        ThenRefused(Position.Decide(new DeletePosition(Id, 0, 0), Given(Created, new PositionDeleted(Id, "Sales rep", Sales)), Context), ErrorKind.NotFound, "position_not_found");
        ThenRefused(Position.Decide(new ChangePosition(Id, "X", null, false), Given(), Context), ErrorKind.NotFound, "position_not_found");
    }
}
