namespace StreamWatch.AppHost.Orchestration;

/// <summary>
/// The AppHost's console: every line of every service prefixed with its name (coloured on a terminal,
/// plain when redirected or <c>NO_COLOR</c> is set), the AppHost's own lines as <c>apphost</c>.
/// This is a terminal UI, not a structured log, so it writes lines directly rather than through ILogger.
/// </summary>
internal sealed class ConsoleLog
{
    public const string AppHostName = "apphost";

    // Bright ANSI foreground colours, assigned to resources in declaration order.
    private static readonly string[] Palette = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94"];
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly bool _color;
    private readonly Dictionary<string, string> _colors = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _width = AppHostName.Length;

    public ConsoleLog(TextWriter output, TextWriter error, bool color)
    {
        _out = output;
        _error = error;
        _color = color;
    }

    /// <summary>The console, coloured only when stdout is a terminal and <c>NO_COLOR</c> is unset.</summary>
    public static ConsoleLog ForConsole()
        => new(
            Console.Out,
            Console.Error,
            !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Registers a resource name so prefixes line up and it gets its colour.</summary>
    public void Register(string name)
    {
        lock (_gate)
        {
            if (!_colors.ContainsKey(name))
            {
                _colors[name] = Palette[_colors.Count % Palette.Length];
                _width = Math.Max(_width, name.Length);
            }
        }
    }

    /// <summary>One line a service wrote.</summary>
    public void Line(string name, string line)
    {
        lock (_gate)
        {
            _colors.TryGetValue(name, out var color);
            WritePrefixed(_out, name, color ?? "37", line);
        }
    }

    /// <summary>One line of the AppHost's own.</summary>
    public void Info(string message)
    {
        lock (_gate)
        {
            WritePrefixed(_out, AppHostName, "1", message);
        }
    }

    /// <summary>The one-line error the AppHost ends with (stderr, <c>error: …</c>).</summary>
    public void Error(string message)
    {
        lock (_gate)
        {
            _out.Flush();
            _error.WriteLine(_color ? $"\u001b[1;31merror:\u001b[0m {message}" : $"error: {message}");
            _error.Flush();
        }
    }

    private void WritePrefixed(TextWriter writer, string name, string color, string line)
    {
        var prefix = name.PadRight(_width);
        writer.WriteLine(_color ? $"\u001b[{color}m{prefix} |\u001b[0m {line}" : $"{prefix} | {line}");
        writer.Flush();
    }
}
