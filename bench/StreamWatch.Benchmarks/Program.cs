using BenchmarkDotNet.Running;
using StreamWatch.Benchmarks.Alerting;
using StreamWatch.Benchmarks.Grpc;
using StreamWatch.Benchmarks.Lab;
using StreamWatch.Benchmarks.Peers;

// Bench commands that compare against a peer in the same run (and need their own processes)
// come first; anything else goes to BenchmarkDotNet.
return args switch
{
    ["alerting-webhooks", .. var rest] => await AlertingWebhooksBenchmark.RunAsync(rest),
    ["compare-parsers", .. var rest] => ParserComparison.Run(rest),
    ["grpc-ingest", .. var rest] => await GrpcIngestBenchmark.RunAsync(rest),
    ["grpc-ingest-server", .. var rest] => await IngestBenchServer.RunAsync(rest),
    ["lab-load", .. var rest] => await LabLoad.RunAsync(rest),
    ["lab-serve", .. var rest] => await LabServe.RunAsync(rest),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    // Not typeof(Program): StreamWatch.Alerting, referenced for alerting-webhooks, has a public Program too.
    BenchmarkSwitcher.FromAssembly(typeof(ParserComparison).Assembly).Run(args);
    return 0;
}
