using System.Globalization;

namespace StreamWatch.Benchmarks.Lab;

/// <summary>Latencies and outcomes of a load run, recorded lock-free into a preallocated array.</summary>
internal sealed class LoadResult(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;
    private int _errors;

    public int Errors => _errors;

    public void Record(TimeSpan latency, bool ok)
    {
        if (!ok)
        {
            Interlocked.Increment(ref _errors);
        }

        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _ticks.Length)
        {
            _ticks[i] = latency.Ticks;
        }
    }

    public void Report(double seconds, double cpuSeconds, double rssMegabytes)
    {
        var n = Math.Min(_count, _ticks.Length);
        var sorted = _ticks.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        string P(double q) => n == 0 ? "-" : TimeSpan.FromTicks(sorted[Math.Min(n - 1, (int)(q * n))]).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests {_count} in {seconds:0.0} s = {_count / seconds:0} req/s, errors {_errors}"));
        Console.WriteLine($"latency ms: p50 {P(0.50)}  p90 {P(0.90)}  p99 {P(0.99)}  p99.9 {P(0.999)}  max {P(1.0)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lab CPU: {cpuSeconds:0.00} s over {seconds:0.0} s = {100 * cpuSeconds / seconds:0.0}% of its one core; RSS {rssMegabytes:0} MB"));
    }
}
