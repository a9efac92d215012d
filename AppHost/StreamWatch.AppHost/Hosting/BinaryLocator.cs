namespace StreamWatch.AppHost.Hosting;

/// <summary>Finds executables on PATH (plus the sbin folders a non-root PATH lacks, where Debian puts some daemons).</summary>
internal static class BinaryLocator
{
    private static readonly string[] ExtraDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>The absolute path of <paramref name="name"/>, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>dotnet</c> host that runs the services: the one running the AppHost when it runs under
    /// <c>dotnet</c>, else <c>DOTNET_HOST_PATH</c>, else PATH.
    /// </summary>
    public static string? FindDotnet()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : Find("dotnet");
    }
}
