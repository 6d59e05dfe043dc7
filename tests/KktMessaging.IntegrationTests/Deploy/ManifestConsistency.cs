using System.Reflection;
using System.Text.Json.Nodes;
using KktMessaging.Service.Api;
using KktMessaging.Service.Delivery;

namespace KktMessaging.IntegrationTests.Deploy;

/// <summary>
/// Checks that the manifests agree with the service: configuration keys it reads, its port, its probe paths, the
/// queue it consumes, its stop timeout, and that secret templates hold no values.
/// </summary>
public static class ManifestConsistency
{
    public const string Placeholder = "REPLACE_ME";
    private const int ServicePort = 8080;

    /// <summary>Section__Key for every settable property of every options class, plus the two keys outside them.</summary>
    public static readonly IReadOnlySet<string> KnownKeys = typeof(DeliveryOptions).Assembly.GetTypes()
        .Select(type => (Type: type, Section: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
        .Where(options => options.Section is not null)
        .SelectMany(options => options.Type.GetProperties().Where(property => property.CanWrite).Select(property => $"{options.Section}__{property.Name}"))
        .Concat(["ConnectionStrings__Buffer", "Urls"])
        .ToHashSet();

    public static IReadOnlyList<string> Check(JsonArray documents)
    {
        var problems = new List<string>();
        var kubernetes = documents.Select(entry => entry!["document"]!).Where(document => document["kind"] is not null).ToList();
        var compose = documents.Select(entry => entry!["document"]!).Single(document => document["services"] is not null);
        CheckDeployment(Single(kubernetes, "Deployment", "kkt-messaging"), kubernetes, problems);
        CheckKeys("ConfigMap kkt-messaging-config", Single(kubernetes, "ConfigMap", "kkt-messaging-config")["data"], problems);
        CheckKeys("Secret kkt-messaging-secrets", Single(kubernetes, "Secret", "kkt-messaging-secrets")["stringData"], problems);
        CheckScaling(kubernetes, problems);
        CheckSecretTemplates(kubernetes, problems);
        CheckCompose(compose, problems);
        return problems;
    }

    private static void CheckDeployment(JsonNode deployment, List<JsonNode> kubernetes, List<string> problems)
    {
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        if (container["ports"]![0]!["containerPort"]!.GetValue<int>() != ServicePort)
            problems.Add($"Deployment: containerPort must be {ServicePort}, the port of Urls");
        ExpectProbe(container, "livenessProbe", HealthEndpoints.LivePath, problems);
        ExpectProbe(container, "startupProbe", HealthEndpoints.LivePath, problems);
        ExpectProbe(container, "readinessProbe", HealthEndpoints.ReadyPath, problems);
        var config = Single(kubernetes, "ConfigMap", "kkt-messaging-config")["data"]!;
        if (config["Urls"]?.GetValue<string>() != $"http://0.0.0.0:{ServicePort}")
            problems.Add($"ConfigMap: Urls must listen on 0.0.0.0:{ServicePort}");
        var stop = TimeSpan.Parse(config["Shutdown__StopTimeout"]!.GetValue<string>());
        if (pod["terminationGracePeriodSeconds"]!.GetValue<int>() <= stop.TotalSeconds)
            problems.Add($"Deployment: terminationGracePeriodSeconds must exceed Shutdown__StopTimeout ({stop.TotalSeconds} s)");
        var sources = container["envFrom"]!.AsArray().Select(source => source!["configMapRef"]?["name"] ?? source!["secretRef"]?["name"]).Select(name => name!.GetValue<string>());
        foreach (var source in sources.Where(name => !kubernetes.Any(document => Name(document) == name)))
            problems.Add($"Deployment: envFrom names {source}, which no manifest defines");
        var service = Single(kubernetes, "Service", "kkt-messaging");
        if (service["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>() != ServicePort)
            problems.Add($"Service: targetPort must be {ServicePort}");
    }

    private static void ExpectProbe(JsonNode container, string probe, string path, List<string> problems)
    {
        var actual = container[probe]?["httpGet"]?["path"]?.GetValue<string>();
        if (actual != path) problems.Add($"Deployment: {probe} must get {path}, not {actual ?? "nothing"}");
    }

    private static void CheckKeys(string where, JsonNode? values, List<string> problems)
    {
        foreach (var key in values!.AsObject().Select(pair => pair.Key).Where(key => !KnownKeys.Contains(key)))
            problems.Add($"{where}: {key} is not a configuration key of the service");
    }

    private static void CheckScaling(List<JsonNode> kubernetes, List<string> problems)
    {
        var scaled = Single(kubernetes, "ScaledObject", "kkt-messaging")["spec"]!;
        var queue = scaled["triggers"]![0]!["metadata"]!["queueName"]!.GetValue<string>();
        if (queue != DeadLetterReplayer.DeliveryQueue)
            problems.Add($"ScaledObject: queueName must be {DeadLetterReplayer.DeliveryQueue}, the queue the service consumes, not {queue}");
        if (scaled["scaleTargetRef"]!["name"]!.GetValue<string>() != "kkt-messaging")
            problems.Add("ScaledObject: scaleTargetRef must name the kkt-messaging Deployment");
    }

    private static void CheckSecretTemplates(List<JsonNode> kubernetes, List<string> problems)
    {
        foreach (var secret in kubernetes.Where(document => Kind(document) == "Secret"))
            foreach (var (key, value) in secret["stringData"]!.AsObject().Where(pair => pair.Value!.GetValue<string>() != Placeholder))
                problems.Add($"Secret {Name(secret)}: {key} holds a value; templates hold {Placeholder} only");
    }

    private static void CheckCompose(JsonNode compose, List<string> problems)
    {
        var services = compose["services"]!;
        var service = services["kkt-messaging"]!;
        CheckKeys("compose kkt-messaging", service["environment"], problems);
        CheckKeys("compose load", services["load"]!["environment"], problems);
        if (service["environment"]!["Urls"]?.GetValue<string>() != $"http://0.0.0.0:{ServicePort}")
            problems.Add($"compose kkt-messaging: Urls must listen on 0.0.0.0:{ServicePort}");
        if (service["deploy"]?["replicas"]?.GetValue<int>() != 2) problems.Add("compose kkt-messaging: two replicas are expected");
        var stop = TimeSpan.Parse(service["environment"]!["Shutdown__StopTimeout"]!.GetValue<string>());
        if (TimeSpan.FromSeconds(int.Parse(service["stop_grace_period"]!.GetValue<string>().TrimEnd('s'))) <= stop)
            problems.Add("compose kkt-messaging: stop_grace_period must exceed Shutdown__StopTimeout");
        var broker = services["rabbitmq"]!["command"]!.GetValue<string>();
        foreach (var plugin in new[] { "rabbitmq_management", "rabbitmq_shovel", "rabbitmq_prometheus" }.Where(plugin => !broker.Contains(plugin)))
            problems.Add($"compose rabbitmq: {plugin} must be enabled");
    }

    private static JsonNode Single(List<JsonNode> documents, string kind, string name) =>
        documents.SingleOrDefault(document => Kind(document) == kind && Name(document) == name)
        ?? throw new InvalidOperationException($"No {kind} {name} in the manifests");

    private static string? Kind(JsonNode document) => document["kind"]?.GetValue<string>();

    private static string? Name(JsonNode document) => document["metadata"]?["name"]?.GetValue<string>();
}
