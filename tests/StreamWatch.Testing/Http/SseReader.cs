using System.Text;

namespace StreamWatch.Testing.Http;

/// <summary>One server-sent event, or a comment (<see cref="Comment"/> set, no event).</summary>
public sealed record SseFrame(string? Id, string? Event, string Data, string? Retry, string? Comment);

/// <summary>Reads server-sent event frames from a response stream as a browser's EventSource would (tests of alerting's events and the gateway's relay).</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next frame; throws when the stream ends or the token fires.</summary>
    public async Task<SseFrame> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, name = null, retry = null, comment = null;
        var data = new StringBuilder();
        var any = false;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (any)
                {
                    return new SseFrame(id, name, data.ToString(), retry, comment);
                }

                continue;
            }

            any = true;
            if (line[0] == ':')
            {
                comment = line[1..].Trim();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "retry": retry = value; break;
                case "data": data.Append(value); break;
            }
        }
    }

    /// <summary>Reads frames until one named <paramref name="name"/> satisfies <paramref name="match"/>.</summary>
    public async Task<SseFrame> WaitForAsync(string name, Func<SseFrame, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await NextAsync(cancellationToken);
            if (frame.Event == name && match(frame))
            {
                return frame;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
