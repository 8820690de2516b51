using Crm.Events;
using Crm.Events.Scenes;
using Crm.Write.Scenes;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Scenes;

public sealed class scene_rules
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly Guid OtherScene = Guid.CreateVersion7();
    private const string Filter = """{"and":[{"field":"level","op":"eq","value":"A"}]}""";
    private static readonly SceneView View = new(Filter, "-updatedAt", null, []);
    private static readonly SceneCreated Created = new(Id, Owner, "customers", "A-level", Filter, "-updatedAt", null, 0);

    private static SceneState Given(params object[] events) => Scene.Decider.Fold(Scene.Decider.Initial, events);

    private static void ThenChanges(MultiStreamDecision decision, params (Guid Stream, object[] Events)[] expected)
    {
        Assert.Null(decision.Error);
        Assert.Equal(expected.Length, decision.Changes.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Stream, decision.Changes[i].StreamId);
            ThenEvents(Decision.Accept([.. decision.Changes[i].Events]), expected[i].Events);
        }
    }

    [Fact]
    public void a_scene_is_created_for_the_acting_user_after_their_other_scenes()
    {
        var siblings = new[] { new SceneSibling(OtherScene, "Mine", false, 3) };
        ThenChanges(Scene.Decide(new CreateScene(Id, "customers", " A-level ", View, false, siblings), Given(), As(Owner)),
            (Id, [Created with { Order = 4 }]));
    }

    [Fact]
    public void a_name_already_used_for_the_kind_is_refused_whatever_its_case()
    {
        var siblings = new[] { new SceneSibling(OtherScene, "a-LEVEL", false, 0) };
        var decision = Scene.Decide(new CreateScene(Id, "customers", "A-level", View, false, siblings), Given(), As(Owner));
        Assert.Equal(("scene_name_taken", ErrorKind.Conflict, "name"), (decision.Error?.Code, decision.Error?.Kind, decision.Error?.Field));
    }

    [Fact]
    public void a_scene_is_saved_only_for_a_signed_in_user()
    {
        var decision = Scene.Decide(new CreateScene(Id, "customers", "A-level", View, false, []), Given(), new CommandContext(null, DateTimeOffset.UnixEpoch));
        Assert.Equal(("owner_unknown", ErrorKind.Unprocessable, "actor"), (decision.Error?.Code, decision.Error?.Kind, decision.Error?.Field));
    }

    [Fact]
    public void an_empty_or_over_long_name_an_unknown_kind_and_a_bad_filter_are_refused_naming_each_field()
    {
        var bad = new SceneView(Filter, "-updatedAt", null, [new FieldError("filter.colour", "filter_invalid", "Unknown field 'colour'.")]);
        var decision = Scene.Decide(new CreateScene(Id, "deals", new string('x', 61), bad, false, []), Given(), As(Owner));
        Assert.Equal(ErrorKind.Validation, decision.Error?.Kind);
        Assert.Equal(["filter.colour", "kind", "name"], decision.Error!.Errors.Select(e => e.Field).Order());
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void creating_a_default_scene_clears_the_previous_default_first_in_the_same_decision()
    {
        var siblings = new[] { new SceneSibling(OtherScene, "Old default", true, 0) };
        ThenChanges(Scene.Decide(new CreateScene(Id, "customers", "A-level", View, true, siblings), Given(), As(Owner)),
            (OtherScene, [new SceneDefaultCleared(OtherScene, Id)]),
            (Id, [Created with { Order = 1 }, new SceneMadeDefault(Id, OtherScene)]));
    }

    [Fact]
    public void making_a_scene_the_default_clears_the_previous_default_and_is_a_no_op_when_it_already_is()
    {
        var previous = Given(new SceneCreated(OtherScene, Owner, "customers", "Old", null, "name", null, 1), new SceneMadeDefault(OtherScene, null));
        ThenChanges(Scene.Decide(new MakeSceneDefault(Id, previous), Given(Created), As(Owner)),
            (OtherScene, [new SceneDefaultCleared(OtherScene, Id)]),
            (Id, [new SceneMadeDefault(Id, OtherScene)]));
        Assert.Empty(Scene.Decide(new MakeSceneDefault(Id, null), Given(Created, new SceneMadeDefault(Id, null)), As(Owner)).Changes);
    }

    [Fact]
    public void clearing_the_default_leaves_no_default_and_is_a_no_op_on_a_scene_that_is_not_one()
    {
        ThenEvents(Scene.Decide(new ClearSceneDefault(Id), Given(Created, new SceneMadeDefault(Id, null)), As(Owner)), new SceneDefaultCleared(Id, null));
        Assert.Empty(Scene.Decide(new ClearSceneDefault(Id), Given(Created), As(Owner)).Events);
        Assert.Equal("scene_not_found", Scene.Decide(new ClearSceneDefault(Id), Given(), As(Owner)).Error?.Code);
        Assert.False(Given(Created, new SceneMadeDefault(Id, null), new SceneDefaultCleared(Id, null)).IsDefault);
    }

    [Fact]
    public void a_default_of_another_kind_is_not_cleared()
    {
        var leadsDefault = Given(new SceneCreated(OtherScene, Owner, "leads", "Old", null, "name", null, 1), new SceneMadeDefault(OtherScene, null));
        ThenChanges(Scene.Decide(new MakeSceneDefault(Id, leadsDefault), Given(Created), As(Owner)), (Id, [new SceneMadeDefault(Id, null)]));
    }

    [Fact]
    public void an_edit_renames_and_records_each_changed_part_with_old_and_new_value()
    {
        var changed = new SceneView(null, "name", "acme", []);
        ThenEvents(Scene.Decide(new EditScene(Id, "Top", changed, 5, []), Given(Created), As(Owner)),
            new SceneRenamed(Id, "A-level", "Top"),
            new SceneFilterChanged(Id, [new FieldChange("filter", Filter, null), new FieldChange("sort", "-updatedAt", "name"), new FieldChange("q", null, "acme"), new FieldChange("order", "0", "5")]));
        ThenNothing(Scene.Decide(new EditScene(Id, "A-level", View, 0, []), Given(Created), As(Owner)));
    }

    [Fact]
    public void renaming_to_another_scenes_name_or_with_a_bad_filter_is_refused()
    {
        var siblings = new[] { new SceneSibling(OtherScene, "Top", false, 1) };
        ThenRefused(Scene.Decide(new EditScene(Id, "top", null, null, siblings), Given(Created), As(Owner)), ErrorKind.Conflict, "scene_name_taken", "name");
        var bad = new SceneView(null, "", null, [new FieldError("sort", "sort_unknown", "Sort by one of …")]);
        ThenInvalid(Scene.Decide(new EditScene(Id, null, bad, -1, []), Given(Created), As(Owner)), ("sort", "sort_unknown"), ("order", "order_out_of_range"));
    }

    [Fact]
    public void a_deleted_scene_takes_no_more_commands_and_its_id_is_not_reused()
    {
        ThenEvents(Scene.Decide(new DeleteScene(Id), Given(Created), As(Owner)), new SceneDeleted(Id, "A-level"));
        var deleted = Given(Created, new SceneDeleted(Id, "A-level"));
        ThenRefused(Scene.Decide(new DeleteScene(Id), deleted, As(Owner)), ErrorKind.NotFound, "scene_not_found");
        ThenRefused(Scene.Decide(new EditScene(Id, "New", null, null, []), deleted, As(Owner)), ErrorKind.NotFound, "scene_not_found");
        Assert.Equal("scene_exists", Scene.Decide(new CreateScene(Id, "customers", "Again", View, false, []), deleted, As(Owner)).Error?.Code);
    }
}
