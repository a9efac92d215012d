namespace StreamWatch.Testing.Processes;

/// <summary>Finds real binaries (redis-server, prometheus, ffmpeg, nginx, node) that tests start.</summary>
public static class Binaries
{
    // Debian puts some daemons outside a non-root PATH.
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin"];

    /// <summary>The absolute path of <paramref name="name"/>, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The path of <paramref name="name"/>. When it is missing the test fails under CI (whose test
    /// command installs it, so a missing binary is a broken set-up) and skips elsewhere, naming the package.
    /// </summary>
    public static string Require(string name, string debianPackage)
    {
        var found = Find(name);
        if (found is not null)
        {
            return found;
        }

        var message = $"'{name}' is not installed: apt-get install -y {debianPackage} (the README's test command does this).";
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return null!;
    }

    /// <summary>True when running under CI (the <c>CI</c> environment variable is set to true).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
