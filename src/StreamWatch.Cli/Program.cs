using StreamWatch.Cli;

return await StreamWatchCli.InvokeAsync(args, Console.Out, Console.Error, CliServices.Default).ConfigureAwait(false);
