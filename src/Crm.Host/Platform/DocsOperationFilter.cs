namespace Crm.Host.Platform;

/// <summary>
/// A Swagger UI plugin for the /docs page: its filter box matches an operation's path, summary, operation id or method,
/// not only the tag name (Swagger UI's own filter), so "transfer" or "/api/scenes" finds the calls. Served by the host
/// itself: the page needs nothing from the internet.
/// </summary>
public static class DocsOperationFilter
{
    public const string ScriptPath = "/docs/crm-operation-filter.js";
    public const string PluginName = "window.crmOperationFilter";

    private const string Script = """
        // Filter by tag, path, summary, operation id or method (case-insensitive).
        window.crmOperationFilter = function () {
          var matches = function (text, phrase) { return text != null && String(text).toLowerCase().indexOf(phrase) !== -1; };
          return {
            fn: {
              opsFilter: function (taggedOperations, phrase) {
                var wanted = String(phrase || '').toLowerCase();
                return taggedOperations
                  .map(function (tag, name) {
                    if (matches(name, wanted)) return tag;
                    return tag.set('operations', tag.get('operations').filter(function (op) {
                      var operation = op.get('operation');
                      return matches(op.get('path'), wanted) || matches(op.get('method'), wanted)
                        || matches(operation.get('summary'), wanted) || matches(operation.get('operationId'), wanted);
                    }));
                  })
                  .filter(function (tag) { return tag.get('operations').size > 0; });
              }
            }
          };
        };
        """;

    public static WebApplication MapDocsOperationFilter(this WebApplication app)
    {
        app.MapGet(ScriptPath, () => Results.Text(Script, "text/javascript; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
