using Microsoft.Extensions.Options;
using StreamWatch.Grpc.Server;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Server;

public sealed class OptionsTests
{
    [Fact]
    public async Task InvalidOptions_FailTheHostOnStart_NamingEveryProblem()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => GrpcTestServer.StartAsync(o =>
        {
            o.MaxReceiveMessageSize = 0;
            o.MaxSendMessageSize = -1;
            o.ResponseCompressionAlgorithm = "brotli";
        }));

        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.Contains(nameof(GrpcServiceOptions.MaxReceiveMessageSize), StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains(nameof(GrpcServiceOptions.MaxSendMessageSize), StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("brotli", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_AreTheGrpcDefaults()
    {
        var options = new GrpcServiceOptions();
        Assert.Equal(4_194_304, options.MaxReceiveMessageSize);
        Assert.Null(options.MaxSendMessageSize);
        Assert.False(options.EnableDetailedErrors);
        Assert.Null(options.ResponseCompressionAlgorithm);
    }
}
