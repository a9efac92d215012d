using StreamWatch.AppHost.Hosting;
using StreamWatch.AppHost.Resources;

// StreamWatch, top to bottom: each service waits for what it needs to be healthy; references become
// Aspire's environment names (ConnectionStrings__redis, services__alerting__grpc__0, …).
var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRedis("redis");

var lab = builder.Options.Demo
    ? builder.AddProject("lab", "StreamWatch.Lab").WithHttpEndpoint(port: 8090).WithDemoStreams()
    : null;

var alerting = builder.AddProject("alerting", "StreamWatch.Alerting")
    .WithHttpEndpoint(port: 8081).WithGrpcEndpoint(port: 8082)
    .WithStreamWatchConfig(lab).WithReference(redis).WaitFor(redis);

var probe = builder.AddProject("probe", "StreamWatch.Probe")
    .WithHttpEndpoint(port: 8083)
    .WithStreamWatchConfig(lab).WithReference(alerting).WaitFor(alerting).WaitFor(lab);

var gateway = builder.AddProject("gateway", "StreamWatch.Gateway")
    .WithHttpEndpoint(port: builder.Options.GatewayPort, isFixed: true).WithGatewaySummary()
    .WithStreamWatchConfig(lab).WithReference(alerting).WithReference(probe).WithReference(lab)
    .WaitFor(alerting).WaitFor(probe);

builder.AddPrometheus("prometheus", port: 9090, scrapeTarget: gateway);

await using var app = builder.Build();
return await app.RunAsync();
