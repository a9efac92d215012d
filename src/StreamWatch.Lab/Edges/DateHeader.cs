using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace StreamWatch.Lab.Edges;

/// <summary>The HTTP Date header from the Lab's clock (not Kestrel's), formatted once per second.</summary>
internal sealed class DateHeader
{
    private Entry? _last;

    public StringValues For(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var last = Volatile.Read(ref _last);
        if (last is null || last.Second != second)
        {
            last = new Entry(second, now.ToString("R", CultureInfo.InvariantCulture));
            Volatile.Write(ref _last, last);
        }

        return last.Value;
    }

    private sealed record Entry(long Second, StringValues Value);
}
