using BenchmarkDotNet.Running;
using StreamWatch.Benchmarks.Grpc;

// Peer comparisons that need their own processes run outside BenchmarkDotNet.
if (args is ["grpc-ingest", ..])
{
    return await GrpcIngestBenchmark.RunAsync(args[1..]);
}

if (args is ["grpc-ingest-server", ..])
{
    return await IngestBenchServer.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
