using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Imports;
using Crm.Events.Leads;
using Crm.Events.Notifications;
using Crm.Events.Org;
using Crm.Events.Pool;
using Crm.Events.Products;
using Crm.Events.Sales;
using Crm.Events.Scenes;
using Crm.Events.Settings;

namespace Crm.Events;

/// <summary>An event record with its stable stored name and current schema version.</summary>
public sealed record EventCatalogueEntry(Type Type, string Name, int SchemaVersion);

/// <summary>
/// Every CRM event and the name it is stored under. The names are a contract with the database
/// (and with integrations reading the feed): never rename one; bump the schema version and add an
/// upcaster when a record's shape changes. Kept here, without a reference to the engine, so the
/// contracts stay dependency-free; the host and tests feed it into the engine's type registry.
/// </summary>
public static class EventCatalogue
{
    public static IReadOnlyList<EventCatalogueEntry> All { get; } =
    [
        new(typeof(DepartmentCreated), "department.created", 1),
        new(typeof(DepartmentRenamed), "department.renamed", 1),
        new(typeof(DepartmentMoved), "department.moved", 1),
        new(typeof(DepartmentDeleted), "department.deleted", 1),
        new(typeof(PositionCreated), "position.created", 1),
        new(typeof(PositionRenamed), "position.renamed", 1),
        new(typeof(PositionDepartmentChanged), "position.department-changed", 1),
        new(typeof(PositionSuperiorChanged), "position.superior-changed", 1),
        new(typeof(PositionDeleted), "position.deleted", 1),
        new(typeof(RoleCreated), "role.created", 1),
        new(typeof(RoleRenamed), "role.renamed", 1),
        new(typeof(RoleDescriptionChanged), "role.description-changed", 1),
        new(typeof(RolePermissionsChanged), "role.permissions-changed", 1),
        new(typeof(RoleDataScopeChanged), "role.data-scope-changed", 1),
        new(typeof(RoleDeleted), "role.deleted", 1),
        new(typeof(UserRegistered), "user.registered", 1),
        new(typeof(UserMobileChanged), "user.mobile-changed", 1),
        new(typeof(UserRenamed), "user.renamed", 1),
        new(typeof(UserGenderChanged), "user.gender-changed", 1),
        new(typeof(UserEmailChanged), "user.email-changed", 1),
        new(typeof(UserDepartmentChanged), "user.department-changed", 1),
        new(typeof(UserPositionChanged), "user.position-changed", 1),
        new(typeof(UserSuperiorChanged), "user.superior-changed", 1),
        new(typeof(UserRolesChanged), "user.roles-changed", 1),
        new(typeof(UserSuperAdminGranted), "user.super-admin-granted", 1),
        new(typeof(UserSuperAdminRevoked), "user.super-admin-revoked", 1),
        new(typeof(UserDisabled), "user.disabled", 1),
        new(typeof(UserEnabled), "user.enabled", 1),
        new(typeof(UserPasswordSet), "user.password-set", 1),
        new(typeof(UserRecordsHandedOver), "user.records-handed-over", 1),
        new(typeof(SettingsChanged), "settings.changed", 1),
        new(typeof(LeadCreated), "lead.created", 1),
        new(typeof(LeadEdited), "lead.edited", 1),
        new(typeof(LeadFollowedUp), "lead.followed-up", 1),
        new(typeof(LeadTransferred), "lead.transferred", 1),
        new(typeof(LeadConverted), "lead.converted", 1),
        new(typeof(LeadPutInPool), "lead.put-in-pool", 1),
        new(typeof(LeadClaimed), "lead.claimed", 1),
        new(typeof(CustomerCreated), "customer.created", 1),
        new(typeof(CustomerEdited), "customer.edited", 1),
        new(typeof(CustomerFollowedUp), "customer.followed-up", 1),
        new(typeof(CustomerTeamMemberAdded), "customer.team-member-added", 1),
        new(typeof(CustomerTeamMemberAccessChanged), "customer.team-member-access-changed", 1),
        new(typeof(CustomerTeamMemberRemoved), "customer.team-member-removed", 1),
        new(typeof(CustomerTransferred), "customer.transferred", 1),
        new(typeof(CustomerLocked), "customer.locked", 1),
        new(typeof(CustomerUnlocked), "customer.unlocked", 1),
        new(typeof(CustomerPutInPool), "customer.put-in-pool", 1),
        new(typeof(CustomerRecycled), "customer.recycled", 1),
        new(typeof(CustomerRecyclingWarned), "customer.recycling-warned", 1),
        new(typeof(CustomerClaimed), "customer.claimed", 1),
        new(typeof(CustomerAssigned), "customer.assigned", 1),
        new(typeof(ContactCreated), "contact.created", 1),
        new(typeof(ContactEdited), "contact.edited", 1),
        new(typeof(ContactFollowedUp), "contact.followed-up", 1),
        new(typeof(ContactTransferred), "contact.transferred", 1),
        new(typeof(CustomersImported), "import.customers-imported", 1),
        new(typeof(PoolRulesChanged), "pool.rules-changed", 1),
        new(typeof(NotificationRead), "notification.read", 1),
        new(typeof(SceneCreated), "scene.created", 1),
        new(typeof(SceneRenamed), "scene.renamed", 1),
        new(typeof(SceneFilterChanged), "scene.filter-changed", 1),
        new(typeof(SceneMadeDefault), "scene.made-default", 1),
        new(typeof(SceneDefaultCleared), "scene.default-cleared", 1),
        new(typeof(SceneDeleted), "scene.deleted", 1),
        new(typeof(ProductCategoryCreated), "product-category.created", 1),
        new(typeof(ProductCategoryRenamed), "product-category.renamed", 1),
        new(typeof(ProductCategoryMoved), "product-category.moved", 1),
        new(typeof(ProductCategoryDeleted), "product-category.deleted", 1),
        new(typeof(ProductCreated), "product.created", 1),
        new(typeof(ProductEdited), "product.edited", 1),
        new(typeof(ProductShelved), "product.shelved", 1),
        new(typeof(ProductUnshelved), "product.unshelved", 1),
        new(typeof(ProductDeleted), "product.deleted", 1),
        new(typeof(PipelineCreated), "pipeline.created", 1),
        new(typeof(PipelineRenamed), "pipeline.renamed", 1),
        new(typeof(PipelineStagesChanged), "pipeline.stages-changed", 1),
        new(typeof(PipelineMadeDefault), "pipeline.made-default", 1),
        new(typeof(PipelineDefaultCleared), "pipeline.default-cleared", 1),
        new(typeof(PipelineDeleted), "pipeline.deleted", 1),
        new(typeof(OpportunityCreated), "opportunity.created", 1),
        new(typeof(OpportunityEdited), "opportunity.edited", 1),
        new(typeof(OpportunityLinesChanged), "opportunity.lines-changed", 1),
        new(typeof(OpportunityAmountSet), "opportunity.amount-set", 1),
        new(typeof(OpportunityStageAdvanced), "opportunity.stage-advanced", 1),
        new(typeof(OpportunityWon), "opportunity.won", 1),
        new(typeof(OpportunityLost), "opportunity.lost", 1),
        new(typeof(OpportunityReopened), "opportunity.reopened", 1),
        new(typeof(OpportunityTransferred), "opportunity.transferred", 1),
        new(typeof(OpportunityTeamMemberAdded), "opportunity.team-member-added", 1),
        new(typeof(OpportunityTeamMemberAccessChanged), "opportunity.team-member-access-changed", 1),
        new(typeof(OpportunityTeamMemberRemoved), "opportunity.team-member-removed", 1),
        new(typeof(OpportunityFollowedUp), "opportunity.followed-up", 1),
        new(typeof(OpportunityDeleted), "opportunity.deleted", 1),
    ];
}
