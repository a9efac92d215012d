using BenchmarkDotNet.Running;
using StreamWatch.Benchmarks.Alerting;
using StreamWatch.Benchmarks.Gateway;
using StreamWatch.Benchmarks.Grpc;
using StreamWatch.Benchmarks.Lab;
using StreamWatch.Benchmarks.Peers;

// Bench commands that compare against a peer in the same run (and need their own processes)
// come first; anything else goes to BenchmarkDotNet.
return args switch
{
    ["alerting-ingest", .. var rest] => await AlertingIngestBenchmark.RunAsync(rest),
    ["alerting-webhooks", .. var rest] => await AlertingWebhooksBenchmark.RunAsync(rest),
    ["compare-parsers", .. var rest] => ParserComparison.Run(rest),
    ["gateway-proxy", .. var rest] => await GatewayProxyBenchmark.RunAsync(rest),
    ["grpc-ingest", .. var rest] => await GrpcIngestBenchmark.RunAsync(rest),
    ["grpc-ingest-server", .. var rest] => await IngestBenchServer.RunAsync(rest),
    ["lab-load", .. var rest] => await LabLoad.RunAsync(rest),
    ["lab-serve", .. var rest] => await LabServe.RunAsync(rest),
    ["probe-load", .. var rest] => await ProbeLoad.RunAsync(rest),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LabLoad).Assembly).Run(args);
    return 0;
}
