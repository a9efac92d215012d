namespace StreamWatch.Cli;

/// <summary>The process exit codes of <c>streamwatch</c> (CONTRACTS.md, CLI rows).</summary>
public static class ExitCodes
{
    /// <summary>No error findings.</summary>
    public const int Ok = 0;

    /// <summary>At least one finding of severity error.</summary>
    public const int ErrorFindings = 1;

    /// <summary>The input could not be fetched or read at all, or the command line is invalid; the reason is on stderr.</summary>
    public const int InputUnavailable = 2;

    /// <summary>A bug in StreamWatch (an unexpected exception); the reason is on stderr. sysexits.h EX_SOFTWARE.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl+C) before a one-shot command finished: 128 + SIGINT.</summary>
    public const int Interrupted = 130;
}
