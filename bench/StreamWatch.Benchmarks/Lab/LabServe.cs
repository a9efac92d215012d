using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using StreamWatch.Lab;

namespace StreamWatch.Benchmarks.Lab;

/// <summary><c>lab-serve [Lab flags]</c>: the Lab itself, hosted by the benchmark executable so <c>lab-load</c> can pin it to a core. Stops by itself after 10 minutes.</summary>
internal static class LabServe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLab(args);
        await using var app = builder.Build();
        app.MapLab();
        using var lifetime = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await app.StartAsync(lifetime.Token).ConfigureAwait(false);
        await app.WaitForShutdownAsync(lifetime.Token).ConfigureAwait(false);
        return 0;
    }
}
