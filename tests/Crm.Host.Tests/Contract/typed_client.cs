using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Crm.Host.Tests.Contract;

/// <summary>
/// The one-command client generation works: openapi-typescript turns the served document into types, and a small usage
/// file (client/usage.ts: sign in, create, read a problem, list, search by filter tree, bulk transfer, scene results, follow-ups,
/// multipart import) type-checks against them with tsc --strict.
/// </summary>
public sealed class typed_client(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_client_generated_from_the_document_type_checks_a_usage_example()
    {
        var document = await ContractDocument.ReadAsync(host.Admin);
        var folder = Directory.CreateTempSubdirectory("crm-client-");
        var documentFile = document.WriteToTemporaryFile();
        try
        {
            var generated = Path.Combine(folder.FullName, "crm-api.d.ts");
            var (generatedCode, generation) = await ApiTools.RunAsync("openapi-typescript", documentFile, "--output", generated);
            Assert.True(generatedCode == 0, $"openapi-typescript failed:\n{generation}");

            var client = Path.Combine(ApiTools.RepositoryRoot, "tests", "Crm.Host.Tests", "Contract", "client");
            foreach (var file in Directory.GetFiles(client, "*.ts")) File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            var fetchTypes = Path.Combine(ApiTools.Folder, "node_modules", "openapi-fetch");
            var config = new JsonObject
            {
                ["compilerOptions"] = new JsonObject
                {
                    ["strict"] = true, ["noEmit"] = true, ["target"] = "ES2022", ["module"] = "ESNext", ["moduleResolution"] = "Bundler",
                    ["lib"] = new JsonArray("ES2022", "DOM"), ["types"] = new JsonArray(), ["skipLibCheck"] = true,
                    ["paths"] = new JsonObject { ["openapi-fetch"] = new JsonArray(fetchTypes) },
                },
                ["include"] = new JsonArray("*.ts"),
            };
            File.WriteAllText(Path.Combine(folder.FullName, "tsconfig.json"), config.ToJsonString());

            var (checkCode, check) = await ApiTools.RunAsync("tsc", "--project", Path.Combine(folder.FullName, "tsconfig.json"), "--pretty", "false");
            output.WriteLine(check);
            Assert.True(checkCode == 0, $"the usage example does not type-check against the generated client:\n{check}");
        }
        finally
        {
            File.Delete(documentFile);
            folder.Delete(recursive: true);
        }
    }
}
