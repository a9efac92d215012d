namespace StreamWatch.Lab.Ffmpeg;

/// <summary>What one stream's encoder is doing, for health and diagnostics.</summary>
internal sealed class EncoderState
{
    private readonly Queue<string> _tail = new();

    public volatile bool Running;

    /// <summary>The running encoder's process id, or 0.</summary>
    public volatile int ProcessId;

    public int Restarts;

    public int? LastExitCode;

    /// <summary>The last lines ffmpeg wrote to stderr.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    public void Keep(string line)
    {
        lock (_tail)
        {
            if (_tail.Count == 40)
            {
                _tail.Dequeue();
            }

            _tail.Enqueue(line);
        }
    }
}
