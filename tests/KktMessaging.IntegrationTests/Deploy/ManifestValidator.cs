using System.Diagnostics;
using System.Text.Json.Nodes;
using KktMessaging.IntegrationTests.Infrastructure;

namespace KktMessaging.IntegrationTests.Deploy;

/// <summary>Runs deploy/validate/validate.mjs (Node.js), which checks files against the Compose and Kubernetes schemas.</summary>
public static class ManifestValidator
{
    public static readonly string[] AllManifests = ["docker-compose.yml", "k8s"];

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var script = Path.Combine(Repository.Root, "deploy", "validate", "validate.mjs");
        if (!Directory.Exists(Path.Combine(Repository.Root, "deploy", "validate", "node_modules")))
            throw new InvalidOperationException("The validator's packages are missing: run 'npm ci --prefix deploy/validate' (scripts/test.sh does it)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Every document of the repository's manifests, parsed (YAML merge keys resolved).</summary>
    public static async Task<JsonArray> DocumentsAsync()
    {
        var (exitCode, output, errors) = await RunAsync(["--dump", .. AllManifests]);
        if (exitCode != 0) throw new InvalidOperationException($"The manifests do not validate:\n{errors}");
        return JsonNode.Parse(output)!.AsArray();
    }
}
