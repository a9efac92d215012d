using System.Globalization;

namespace StreamWatch.AppHost.Hosting;

/// <summary>How the Lab runs in the demo.</summary>
internal enum LabModeChoice
{
    /// <summary>ffmpeg mode when ffmpeg is installed, synthetic otherwise.</summary>
    Auto,

    /// <summary>Synthetic streams (no encoders; cheap).</summary>
    Synthetic,

    /// <summary>Real ffmpeg encoders.</summary>
    Ffmpeg,
}

/// <summary>The AppHost's command line (CONTRACTS.md: <c>[--config FILE] [--no-demo] [--gateway-port N]</c>, plus additions).</summary>
internal sealed record AppHostOptions
{
    /// <summary>The usage text printed by <c>--help</c> and after a command-line error.</summary>
    public const string Usage = """
        usage: dotnet run --project AppHost/StreamWatch.AppHost -- [options]
          --config FILE        the StreamWatch configuration file (YAML) instead of the generated demo file
          --no-demo            do not start the Lab and its demo streams; monitor only the configured streams
          --gateway-port N     the gateway's HTTP port (default 8080; fixed: the AppHost stops if it is taken)
          --lab-mode MODE      auto (ffmpeg when installed, default), synthetic or ffmpeg
          --no-prometheus      do not start Prometheus even when it is installed
          --free-ports         internal services on free ports instead of their defaults (8081-8083, 8090, 6379, 9090)
          --state-dir DIR      Redis data, the demo config and Prometheus data (default $XDG_STATE_HOME/streamwatch
                               or ~/.local/state/streamwatch)
        environment: ConnectionStrings__redis=host:port uses an existing Redis instead of starting redis-server
        """;

    /// <summary>The user's configuration file (absolute), or null for the demo file.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>True unless <c>--no-demo</c>: start the Lab and monitor its demo streams.</summary>
    public bool Demo { get; init; } = true;

    /// <summary>The gateway's HTTP port; defaults to 8080.</summary>
    public int GatewayPort { get; init; } = 8080;

    /// <summary>The Lab's mode; defaults to auto.</summary>
    public LabModeChoice LabMode { get; init; } = LabModeChoice.Auto;

    /// <summary>False with <c>--no-prometheus</c>.</summary>
    public bool Prometheus { get; init; } = true;

    /// <summary>Internal services on OS-chosen free ports even when their defaults are free (tests, several AppHosts).</summary>
    public bool FreePorts { get; init; }

    /// <summary>The state directory (absolute).</summary>
    public string StateDirectory { get; init; } = DefaultStateDirectory();

    /// <summary>True with <c>--help</c>.</summary>
    public bool Help { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <exception cref="PrerequisiteException">An unknown flag or a bad value; the message says which.</exception>
    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new AppHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new PrerequisiteException($"{arg} needs a value.\n{Usage}");
                }

                return args[++i];
            }

            options = arg switch
            {
                "--config" => options with { ConfigFile = Path.GetFullPath(Value()) },
                "--no-demo" => options with { Demo = false },
                "--gateway-port" => options with { GatewayPort = ParsePort(arg, Value()) },
                "--lab-mode" => options with { LabMode = ParseLabMode(Value()) },
                "--no-prometheus" => options with { Prometheus = false },
                "--free-ports" => options with { FreePorts = true },
                "--state-dir" => options with { StateDirectory = Path.GetFullPath(Value()) },
                "--help" or "-h" => options with { Help = true },
                _ => throw new PrerequisiteException($"unknown option '{arg}'.\n{Usage}"),
            };
        }

        return options;
    }

    /// <summary><c>$XDG_STATE_HOME/streamwatch</c>, else <c>~/.local/state/streamwatch</c>.</summary>
    public static string DefaultStateDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(root, "streamwatch");
    }

    private static int ParsePort(string flag, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new PrerequisiteException($"{flag} must be a TCP port 1-65535 (was '{value}').");

    private static LabModeChoice ParseLabMode(string value) => value switch
    {
        "auto" => LabModeChoice.Auto,
        "synthetic" => LabModeChoice.Synthetic,
        "ffmpeg" => LabModeChoice.Ffmpeg,
        _ => throw new PrerequisiteException($"--lab-mode must be auto, synthetic or ffmpeg (was '{value}')."),
    };
}
