namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>Where the programs under test were built: beside this assembly, in the same configuration.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string ServiceDll => Program("KktMessaging.Service");
    public static string SimulatorDll => Program("KktMessaging.OfdSimulator");

    private static string Program(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", project + ".dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "KktMessaging.sln"))) return directory.FullName;
        throw new InvalidOperationException("KktMessaging.sln not found above " + AppContext.BaseDirectory);
    }
}
