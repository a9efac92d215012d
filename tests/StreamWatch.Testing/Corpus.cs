namespace StreamWatch.Testing;

/// <summary>
/// Finds the shared corpus (<c>../shared/corpus</c> relative to the repository root).
/// Tests read the corpus in place and never copy it; where it is absent (a clone elsewhere)
/// they skip and say why.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> RootPath = new(Locate);

    /// <summary>The repository root: the folder holding <c>StreamWatch.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Absolute path of the corpus folder, or null when it is not beside the repository.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>The corpus folder; skips the calling test when it is absent.</summary>
    public static string RequireRoot()
    {
        var root = Root;
        Assert.SkipWhen(root is null, $"The shared corpus was not found at {Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"))}; CI always has it.");
        return root!;
    }

    /// <summary>Absolute path of a corpus file such as <c>hls/m3u8parser__master.m3u8</c>; skips when the corpus is absent.</summary>
    public static string File(string relativePath) => Path.Combine(RequireRoot(), relativePath);

    /// <summary>
    /// Corpus files under <paramref name="folder"/> matching <paramref name="pattern"/>, as paths relative to the corpus root,
    /// for xunit <c>[MemberData]</c>. Yields one placeholder entry when the corpus is absent so the test runs and skips.
    /// </summary>
    public static TheoryData<string> Files(string folder, string pattern, SearchOption option = SearchOption.TopDirectoryOnly)
    {
        var data = new TheoryData<string>();
        var root = Root;
        if (root is null || !Directory.Exists(Path.Combine(root, folder)))
        {
            data.Add($"{folder}/(corpus missing)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), pattern, option).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    private static string? Locate()
    {
        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "StreamWatch.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
