namespace StreamWatch.Cli.Tests.Support;

/// <summary>Runs <c>streamwatch</c> in-process through its real entry point, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new CliServices(), args);

    public static Task<CliResult> RunAsync(CliServices services, params string[] args)
        => RunAsync(services, TestContext.Current.CancellationToken, args);

    public static async Task<CliResult> RunAsync(CliServices services, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StreamWatchCli.InvokeAsync(
            args,
            TextWriter.Synchronized(output),
            TextWriter.Synchronized(error),
            services with { HandleTerminationSignals = false },
            cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
