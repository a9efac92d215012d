namespace StreamWatch.Lab;

/// <summary>
/// The Lab's entry point. A classic Main in the Lab's namespace (not top-level statements) so projects
/// that host the Lab in-process (the benchmarks) keep their own global <c>Program</c>.
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLab(args);

        var app = builder.Build();
        app.MapLab();
        app.Run();
    }
}
