using System.Text;

namespace StreamWatch.Cli.Output;

/// <summary>Writes the one stderr line a failed command leaves: <c>streamwatch: &lt;reason&gt;</c>.</summary>
internal static class ErrorLine
{
    /// <summary>Writes <paramref name="reason"/> as exactly one line, whatever line breaks an exception message carried.</summary>
    public static Task WriteAsync(TextWriter error, string reason)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(reason);
        var line = new StringBuilder("streamwatch: ", reason.Length + 16);
        var space = false;
        foreach (var c in reason.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        return error.WriteLineAsync(line.ToString());
    }
}
