using BenchmarkDotNet.Running;
using StreamWatch.Benchmarks.Lab;
using StreamWatch.Benchmarks.Peers;

// Bench commands that compare against a peer in the same run come first; anything else goes to BenchmarkDotNet.
return args switch
{
    ["compare-parsers", .. var rest] => ParserComparison.Run(rest),
    ["lab-load", .. var rest] => await LabLoad.RunAsync(rest),
    ["lab-serve", .. var rest] => await LabServe.RunAsync(rest),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
