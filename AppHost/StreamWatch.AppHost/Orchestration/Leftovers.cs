using System.Text;
using System.Text.Json;

namespace StreamWatch.AppHost.Orchestration;

/// <summary>
/// Services an earlier AppHost started and left running because it was killed (SIGKILL, OOM) before it
/// could stop them. A pid from the old <c>apphost.json</c> counts as a leftover only while it is verifiably
/// the process that run started: its <c>/proc/{pid}/environ</c> holds <see cref="RunStateFile.RunIdVariable"/>
/// with that run's id, or (for programs that overwrite their environment block with their process title,
/// as redis-server does) its start time (<c>/proc/{pid}/stat</c> field 22) is the one the file recorded.
/// A recycled pid, or another AppHost's service with the same command line, is never signalled.
/// </summary>
internal static class Leftovers
{
    /// <summary>One leftover: the resource's name in the old run, and its pid.</summary>
    public readonly record struct Leftover(string Name, int Pid, long? StartTime);

    /// <summary>
    /// The previous run's children still alive and verifiably ours, read from <c>{state}/apphost.json</c>; empty
    /// when there is no file, it names no run id (written before run ids), or nothing of it is left.
    /// Call only once no other AppHost is running on the directory.
    /// </summary>
    public static (int AppHostPid, string RunId, IReadOnlyList<Leftover> Found) Find(string stateDirectory)
    {
        var found = new List<Leftover>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(stateDirectory, RunStateFile.FileName)));
            var root = document.RootElement;
            if (!root.TryGetProperty("runId", out var runIdElement) || runIdElement.GetString() is not { Length: > 0 } runId
                || runId == RunStateFile.RunId)
            {
                return (0, string.Empty, found);
            }

            foreach (var resource in root.GetProperty("resources").EnumerateArray())
            {
                var pid = resource.GetProperty("pid").GetInt32();
                var startTime = resource.TryGetProperty("startTime", out var recorded) ? recorded.GetInt64() : (long?)null;
                if (pid > 0 && (IsOurs(pid, runId) || (startTime is { } t && StartTime(pid) == t)))
                {
                    found.Add(new Leftover(resource.GetProperty("name").GetString() ?? "?", pid, startTime));
                }
            }

            return (root.GetProperty("pid").GetInt32(), runId, found);
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException or FormatException)
        {
            return (0, string.Empty, []);
        }
    }

    /// <summary>
    /// SIGTERM to each leftover's process group (its helpers, such as ffmpeg, go too), up to
    /// <paramref name="timeout"/> for them to go, then SIGKILL to what remains.
    /// </summary>
    public static async Task StopAsync(IReadOnlyList<Leftover> leftovers, string runId, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(leftovers);
        foreach (var leftover in leftovers)
        {
            Signal(leftover.Pid, NativeMethods.SigTerm);
        }

        var deadline = DateTime.UtcNow + timeout;
        while (leftovers.Any(l => StillThere(l, runId)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        foreach (var leftover in leftovers)
        {
            if (StillThere(leftover, runId))
            {
                Signal(leftover.Pid, NativeMethods.SigKill);
            }
        }
    }

    /// <summary>True while <paramref name="pid"/> is a live process whose environment carries this run's marker (a zombie's is empty).</summary>
    public static bool IsOurs(int pid, string runId)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{pid}/environ");
            var marker = Encoding.UTF8.GetBytes(RunStateFile.RunIdVariable + "=" + runId);
            var span = environment.AsSpan();
            while (!span.IsEmpty)
            {
                var end = span.IndexOf((byte)0);
                var entry = end < 0 ? span : span[..end];
                if (entry.SequenceEqual(marker))
                {
                    return true;
                }

                span = end < 0 ? [] : span[(end + 1)..];
            }

            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The process's start time in clock ticks after boot (<c>/proc/{pid}/stat</c> field 22), or null when there is
    /// no such live process (a zombie has exited: null too).
    /// </summary>
    public static long? StartTime(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        try
        {
            // stat: "pid (comm) state ppid pgrp … starttime(22) …"; comm may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 && fields[0] != "Z" && long.TryParse(fields[19], System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool StillThere(Leftover leftover, string runId)
        => IsOurs(leftover.Pid, runId) || (leftover.StartTime is { } t && StartTime(leftover.Pid) == t);

    private static void Signal(int pid, int signal)
    {
        // Children were started through setsid and lead their own group; signal the group then, else the process.
        _ = LeadsGroup(pid) ? NativeMethods.Kill(-pid, signal) : NativeMethods.Kill(pid, signal);
    }

    private static bool LeadsGroup(int pid)
    {
        try
        {
            // stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 2 && fields[2] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
