namespace StreamWatch.Gateway.StatusPage;

/// <summary>
/// The last 24 hours of a stream in hourly slots, from its alert history: a slot is <c>outage</c>
/// when a critical alert fired during it, <c>degraded</c> when another alert did, else
/// <c>operational</c>.
/// </summary>
internal static class DayBar
{
    public const int Slots = 24;

    /// <summary>The state of each hour, oldest first, the last ending at <paramref name="now"/>.</summary>
    public static string[] Build(IReadOnlyList<UpstreamHistoryEntry> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        var slots = new string[Slots];
        Array.Fill(slots, "operational");
        var start = now - TimeSpan.FromHours(Slots);

        // History is newest first; walk it oldest first, pairing each firing with its end.
        var firingSince = new Dictionary<string, (DateTimeOffset Since, bool Critical)>(StringComparer.Ordinal);
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var entry = history[i];
            var critical = entry.Severity == "critical";
            if (entry.To == "firing" && entry.From != "firing")
            {
                firingSince[entry.Fingerprint] = (entry.At, critical);
            }
            else if (entry.From == "firing" && entry.To != "firing")
            {
                // A resolution whose firing fell out of the capped history started before the window.
                var since = firingSince.Remove(entry.Fingerprint, out var open) ? open.Since : start;
                Mark(slots, start, since, entry.At, critical);
            }
        }

        foreach (var (_, open) in firingSince)
        {
            Mark(slots, start, open.Since, now, open.Critical);
        }

        return slots;
    }

    /// <summary>The worse of two slot states: outage, then degraded, then unknown, then operational.</summary>
    public static string Worse(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string state) => state switch
    {
        "outage" => 3,
        "degraded" => 2,
        "unknown" => 1,
        _ => 0,
    };

    private static void Mark(string[] slots, DateTimeOffset start, DateTimeOffset from, DateTimeOffset to, bool critical)
    {
        if (to < start)
        {
            return;
        }

        var first = Math.Max(0, (int)Math.Floor((from - start).TotalHours));
        var last = Math.Min(Slots - 1, (int)Math.Floor((to - start).TotalHours));
        for (var i = first; i <= last; i++)
        {
            if (critical)
            {
                slots[i] = "outage";
            }
            else if (slots[i] == "operational")
            {
                slots[i] = "degraded";
            }
        }
    }
}
