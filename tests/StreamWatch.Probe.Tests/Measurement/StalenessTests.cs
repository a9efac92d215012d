using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Probe.Measurement;
using StreamWatch.Probe.Tests.Hostile;

namespace StreamWatch.Probe.Tests.Measurement;

public sealed class StalenessTests
{
    [Fact]
    public async Task PlaylistWhoseBytesChangeButWhoseMediaSequenceStandsStill_IsStale()
    {
        var token = TestContext.Current.CancellationToken;
        await using var server = new HostileServer();
        await using var probe = ProbeRig.BuildProbe(TimeProvider.System,
        [
            "--urls", "http://127.0.0.1:0",
            "--Streams:0:Id=restamped",
            "--Streams:0:Sources:0:Cdn=origin",
            $"--Streams:0:Sources:0:Url={server.Address}restamped/master.m3u8",
        ]);
        await probe.StartAsync(token);
        using var client = new HttpClient
        {
            BaseAddress = new Uri(probe.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/"),
        };

        // Target duration 1 s: stale once the sequence has stood still for more than 1.5 s, whatever the bytes do.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        TargetStatus? target;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "no stale verdict within 60 s");
            await Task.Delay(100, token);
            target = (await client.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", token))!.SingleOrDefault();
        }
        while (target is not { Stale: true });

        Assert.Equal("stale", target.ErrorKind);
        Assert.Equal(7, target.MediaSequence);
        Assert.True(target.AgeSeconds > 1.5, $"age {target.AgeSeconds}");
        Assert.True(server.RestampedServed >= 3, $"{server.RestampedServed} bodies served");
        await probe.StopAsync(token);
    }
}
