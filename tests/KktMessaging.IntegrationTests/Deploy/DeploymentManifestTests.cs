using System.Text.Json.Nodes;
using KktMessaging.IntegrationTests.Infrastructure;

namespace KktMessaging.IntegrationTests.Deploy;

public sealed class DeploymentManifestTests
{
    [Fact]
    public async Task When_the_manifests_are_checked_against_their_published_schemas_Should_pass()
    {
        var (exitCode, _, errors) = await ManifestValidator.RunAsync(ManifestValidator.AllManifests);

        Assert.True(exitCode == 0, errors);
    }

    [Theory]
    [InlineData("k8s/deployment.yaml", "containerPort: 8080", "containerPort: eighty", "containerPort must be integer")]
    [InlineData("k8s/keda-scaledobject.yaml", "minReplicaCount: 2", "minReplicaCount: two", "minReplicaCount must be integer")]
    [InlineData("k8s/pdb.yaml", "minAvailable: 1", "minAvailable: [1]", "minAvailable must match exactly one schema")]
    [InlineData("docker-compose.yml", "stop_grace_period: 30s", "stop_grace_periods: 30s", "must NOT have additional properties")]
    public async Task When_a_manifest_is_broken_on_purpose_Should_fail_schema_validation(string file, string find, string replace, string expected)
    {
        var broken = Path.Combine(Path.GetTempPath(), $"kkt-broken-{Guid.NewGuid():N}", Path.GetFileName(file));
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, file));
        Assert.Contains(find, text);
        await File.WriteAllTextAsync(broken, text.Replace(find, replace));

        var (exitCode, _, errors) = await ManifestValidator.RunAsync(broken);

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, errors);
    }

    [Fact]
    public async Task When_the_manifests_are_compared_with_the_service_Should_agree_on_keys_ports_probes_queues_and_timeouts()
    {
        var problems = ManifestConsistency.Check(await ManifestValidator.DocumentsAsync());

        Assert.Empty(problems);
    }

    public static TheoryData<string, string> Breakages() => new()
    {
        { "readinessProbe path", "readinessProbe must get /health/ready, not /healthz" },
        { "queue name", "queueName must be send-to-ofd" },
        { "misspelt key", "Sync__Intervall is not a configuration key" },
        { "short grace period", "terminationGracePeriodSeconds must exceed Shutdown__StopTimeout" },
        { "real secret", "Api__AdminKey holds a value" },
        { "missing plugin", "rabbitmq_shovel must be enabled" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task When_a_manifest_disagrees_with_the_service_Should_say_where(string breakage, string expected)
    {
        var documents = await ManifestValidator.DocumentsAsync();
        Break(documents, breakage);

        var problems = ManifestConsistency.Check(documents);

        Assert.Contains(problems, problem => problem.Contains(expected));
    }

    private static void Break(JsonArray documents, string breakage)
    {
        JsonNode Find(string kind, string name) => documents.Select(entry => entry!["document"]!)
            .Single(document => document["kind"]?.GetValue<string>() == kind && document["metadata"]?["name"]?.GetValue<string>() == name);
        var compose = documents.Select(entry => entry!["document"]!).Single(document => document["services"] is not null);
        var container = Find("Deployment", "kkt-messaging")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        switch (breakage)
        {
            case "readinessProbe path": container["readinessProbe"]!["httpGet"]!["path"] = "/healthz"; break;
            case "queue name": Find("ScaledObject", "kkt-messaging")["spec"]!["triggers"]![0]!["metadata"]!["queueName"] = "send-to-ofd-typo"; break;
            case "misspelt key": Find("ConfigMap", "kkt-messaging-config")["data"]!["Sync__Intervall"] = "00:00:10"; break;
            case "short grace period": Find("Deployment", "kkt-messaging")["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"] = 20; break;
            case "real secret": Find("Secret", "kkt-messaging-secrets")["stringData"]!["Api__AdminKey"] = "s3cr3t"; break;
            case "missing plugin": compose["services"]!["rabbitmq"]!["command"] = "rabbitmq-server"; break;
        }
    }
}
