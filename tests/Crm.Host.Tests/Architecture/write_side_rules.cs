using System.Reflection;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.xUnit;
using Crm.Write;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Crm.Host.Tests.Architecture;

/// <summary>
/// Deciders are pure (no database, no read models, no event store: they get facts handed in), and the
/// Host never appends: every write goes through a handler in Crm.Write. The last test shows each rule
/// does catch a type that breaks it, so a rule that silently matches nothing cannot pass.
/// </summary>
public sealed class write_side_rules
{
    private static readonly ArchUnitNET.Domain.Architecture Crm = CrmArchitecture.Loaded;

    /// <summary>Every decider (a type exposing a Decider or Decide functions) and the state it folds.</summary>
    private static readonly Type[] Deciders = CrmArchitecture.Write.GetTypes()
        .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static).Any(p => p.PropertyType.IsGenericType
                        && p.PropertyType.GetGenericTypeDefinition() == typeof(Decider<>))
                    || (t.IsAbstract && t.IsSealed && t.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == "Decide")))
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Decider<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0]).Prepend(t))
        .Distinct().ToArray();

    private static IArchRule DecidersArePure(params Type[] types) =>
        Types().That().Are(types).Should()
            .NotDependOnAny(Types().That().HaveFullNameStartingWith("Npgsql")
                .Or().ResideInAssembly(CrmArchitecture.Projections)
                .Or().Are(typeof(Crm.EventStore.EventStore), typeof(CommandHandler)))
            .Because("a decider decides on the state and facts it is given (docs/architecture.md)");

    private static IArchRule HostNeverAppends() =>
        Types().That().ResideInAssembly(CrmArchitecture.Host).Should()
            .NotCallAny(MethodMembers().That().AreDeclaredIn(typeof(Crm.EventStore.EventStore)).And().HaveNameStartingWith("Append"))
            .Because("endpoints call a command handler in Crm.Write, which appends");

    // The composition root registers the pipeline in the container; it never runs a command.
    private static IArchRule HostNeverRunsThePipeline() =>
        Types().That().ResideInAssembly(CrmArchitecture.Host).And().AreNot(typeof(Crm.Host.Platform.DatabaseSetup)).Should()
            .NotDependOnAny(Types().That().Are(typeof(CommandHandler)))
            .Because("endpoints call a command handler in Crm.Write, which runs the pipeline");

    [Fact]
    public void deciders_are_found() => Assert.True(Deciders.Length >= 10, $"only {Deciders.Length} deciders found: {string.Join(", ", Deciders.Select(d => d.Name))}");

    [Fact]
    public void deciders_never_touch_npgsql_the_read_models_or_the_event_store() => DecidersArePure(Deciders).Check(Crm);

    [Fact]
    public void the_host_never_appends_events_itself() => HostNeverAppends().Check(Crm);

    [Fact]
    public void the_host_never_runs_the_command_pipeline_itself() => HostNeverRunsThePipeline().Check(Crm);

    [Fact]
    public void each_rule_catches_a_type_that_breaks_it()
    {
        // The command handler appends through the event store: as a "decider" it breaks the purity rule.
        Assert.False(DecidersArePure(typeof(CommandHandler)).HasNoViolations(Crm));
        // The Host depends on Crm.Write: the read side's rule applied to it must fail.
        Assert.False(Types().That().ResideInAssembly(CrmArchitecture.Host).Should()
            .NotDependOnAny(Types().That().ResideInAssembly(CrmArchitecture.Write)).HasNoViolations(Crm));
        // A Write handler calls the command handler, which the Host may not: the Host rule applied to Write fails.
        Assert.False(Types().That().ResideInAssembly(CrmArchitecture.Write).Should()
            .NotDependOnAny(Types().That().Are(typeof(CommandHandler))).HasNoViolations(Crm));
        // The Write handlers append through the command handler, which calls the store's Append: the Host's rule catches that call.
        Assert.False(Types().That().Are(typeof(CommandHandler)).Should()
            .NotCallAny(MethodMembers().That().AreDeclaredIn(typeof(Crm.EventStore.EventStore)).And().HaveNameStartingWith("Append"))
            .HasNoViolations(Crm));
    }
}
