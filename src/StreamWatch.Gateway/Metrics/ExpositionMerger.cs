using System.Buffers;
using System.Text;

namespace StreamWatch.Gateway.Metrics;

/// <summary>
/// Merges several Prometheus text expositions (format 0.0.4) into one: every sample gets its
/// source's <c>service</c> label, families are sorted by name with <c># HELP</c> and <c># TYPE</c>
/// written once (from the first source that has them) and all their samples contiguous, as the
/// format requires. A source whose TYPE for a family disagrees with the first one loses that
/// family's samples rather than making the output invalid. A sample already carrying a
/// <c>service</c> label keeps it as <c>exported_service</c>, as Prometheus does with clashing
/// target labels. Other comments and malformed lines are dropped.
/// </summary>
/// <remarks>
/// Allocation-aware: lines are indexed as structs in a pooled array, grouped into per-family runs
/// that are sorted in place by a struct comparer over the source bytes; the output is written straight into the caller's
/// <see cref="IBufferWriter{T}"/>. No strings are created per line.
/// </remarks>
public static class ExpositionMerger
{
    private static ReadOnlySpan<byte> Exported => "exported_"u8;

    /// <summary>The UTF-8 label pair for <paramref name="service"/>: <c>service="name"</c>, value escaped.</summary>
    public static byte[] ServiceLabel(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var escaped = service.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes($"service=\"{escaped}\"");
    }

    /// <summary>Writes the merge of <paramref name="sources"/> to <paramref name="output"/>.</summary>
    /// <returns>The number of families written.</returns>
    public static int Merge(ReadOnlySpan<ExpositionSource> sources, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var texts = ArrayPool<ExpositionSource>.Shared.Rent(sources.Length);
        var estimate = 0;
        for (var i = 0; i < sources.Length; i++)
        {
            texts[i] = sources[i];
            estimate += sources[i].Text.Length / 48; // a typical sample line is longer than 48 bytes
        }

        var lines = ArrayPool<Line>.Shared.Rent(Math.Max(estimate, 64));
        var runs = ArrayPool<Run>.Shared.Rent(256);
        var count = 0;
        try
        {
            for (var i = 0; i < sources.Length; i++)
            {
                Index(i, sources[i].Text.Span, ref lines, ref count);
            }

            // Sort runs (a source's consecutive lines of one family), not lines: each exposition already
            // keeps a family's lines together, so a few hundred runs sort where thousands of lines would.
            var runCount = BuildRuns(lines.AsSpan(0, count), texts, ref runs);
            var sorted = runs.AsSpan(0, runCount);
            sorted.Sort(new RunOrder(texts));
            return Write(sorted, lines, texts, output);
        }
        finally
        {
            ArrayPool<Line>.Shared.Return(lines);
            ArrayPool<Run>.Shared.Return(runs);
            Array.Clear(texts, 0, sources.Length);
            ArrayPool<ExpositionSource>.Shared.Return(texts);
        }
    }

    private static int BuildRuns(ReadOnlySpan<Line> lines, ExpositionSource[] sources, ref Run[] runs)
    {
        var count = 0;
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k];
            if (count > 0)
            {
                ref var last = ref runs[count - 1];
                if (last.Source == line.Source
                    && ((last.NameStart == line.NameStart && last.NameLength == line.NameLength) || NameOf(last, sources).SequenceEqual(NameOf(line, sources))))
                {
                    last.LineCount++;
                    continue;
                }
            }

            if (count == runs.Length)
            {
                var bigger = ArrayPool<Run>.Shared.Rent(runs.Length * 2);
                runs.AsSpan(0, count).CopyTo(bigger);
                ArrayPool<Run>.Shared.Return(runs);
                runs = bigger;
            }

            runs[count++] = new Run { Source = line.Source, FirstLine = k, LineCount = 1, NameStart = line.NameStart, NameLength = line.NameLength };
        }

        return count;
    }

    private static void Index(int source, ReadOnlySpan<byte> text, ref Line[] lines, ref int count)
    {
        // The family the last TYPE line declared: samples that follow it belong to it, including a
        // histogram's or summary's _bucket/_sum/_count series.
        var familyStart = -1;
        var familyLength = 0;
        var familyCompound = false;
        var position = 0;
        while (position < text.Length)
        {
            var lineStart = position;
            var rest = text[position..];
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            position += newline < 0 ? rest.Length : newline + 1;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            Line entry;
            if (line[0] == (byte)'#')
            {
                if (!TryIndexComment(line, out entry))
                {
                    continue;
                }

                if (entry.Kind == LineKind.Type)
                {
                    familyStart = lineStart + entry.NameStart;
                    familyLength = entry.NameLength;
                    var type = line.Slice(entry.Insert, entry.TypeLength);
                    familyCompound = type.SequenceEqual("histogram"u8) || type.SequenceEqual("summary"u8);
                }
            }
            else if (!TryIndexSample(line, out entry))
            {
                continue;
            }
            else if (familyStart >= 0 && BelongsTo(line[..entry.NameLength], text.Slice(familyStart, familyLength), familyCompound))
            {
                entry.NameStart = familyStart - lineStart;
                entry.NameLength = familyLength;
            }

            entry.Source = source;
            entry.Start = lineStart;
            entry.Length = line.Length;
            entry.NameStart += lineStart; // from here on: an offset into the source text
            if (count == lines.Length)
            {
                var bigger = ArrayPool<Line>.Shared.Rent(lines.Length * 2);
                lines.AsSpan(0, count).CopyTo(bigger);
                ArrayPool<Line>.Shared.Return(lines);
                lines = bigger;
            }

            lines[count++] = entry;
        }
    }

    private static bool BelongsTo(ReadOnlySpan<byte> name, ReadOnlySpan<byte> family, bool compound)
    {
        if (name.SequenceEqual(family))
        {
            return true;
        }

        if (!compound || !name.StartsWith(family))
        {
            return false;
        }

        var suffix = name[family.Length..];
        return suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8) || suffix.SequenceEqual("_created"u8);
    }

    private static bool TryIndexComment(ReadOnlySpan<byte> line, out Line entry)
    {
        entry = default;
        LineKind kind;
        if (line.StartsWith("# HELP "u8))
        {
            kind = LineKind.Help;
        }
        else if (line.StartsWith("# TYPE "u8))
        {
            kind = LineKind.Type;
        }
        else
        {
            return false; // other comments carry nothing a scraper needs
        }

        const int nameStart = 7;
        var rest = line[nameStart..];
        var space = rest.IndexOf((byte)' ');
        var nameLength = space < 0 ? rest.Length : space;
        if (nameLength == 0)
        {
            return false;
        }

        entry.Kind = kind;
        entry.NameStart = nameStart;
        entry.NameLength = nameLength;
        if (kind == LineKind.Type)
        {
            if (space < 0)
            {
                return false;
            }

            var type = rest[(space + 1)..].Trim((byte)' ');
            entry.Insert = nameStart + space + 1 + (rest[(space + 1)..].Length - rest[(space + 1)..].TrimStart((byte)' ').Length);
            entry.TypeLength = type.Length;
        }

        return true;
    }

    private static bool TryIndexSample(ReadOnlySpan<byte> line, out Line entry)
    {
        entry = default;
        entry.Kind = LineKind.Sample;
        entry.ExistingService = -1;
        var nameEnd = line.IndexOfAny((byte)'{', (byte)' ', (byte)'\t');
        if (nameEnd <= 0)
        {
            return false;
        }

        entry.NameStart = 0;
        entry.NameLength = nameEnd;
        if (line[nameEnd] != (byte)'{')
        {
            entry.Insert = nameEnd;
            entry.Mode = InsertMode.Braces;
            return true;
        }

        // Walk the label set to its closing brace (values may hold '}' and escaped quotes),
        // noting an existing "service" label on the way.
        var inValue = false;
        var expectName = true;
        var empty = true;
        for (var i = nameEnd + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (inValue)
            {
                if (c == (byte)'\\')
                {
                    i++;
                }
                else if (c == (byte)'"')
                {
                    inValue = false;
                }

                continue;
            }

            switch (c)
            {
                case (byte)'"':
                    inValue = true;
                    break;
                case (byte)',':
                    expectName = true;
                    break;
                case (byte)' ':
                    break;
                case (byte)'}':
                    entry.Insert = nameEnd + 1;
                    entry.Mode = empty ? InsertMode.Alone : InsertMode.BeforeOthers;
                    return i + 1 < line.Length;
                default:
                    if (expectName)
                    {
                        expectName = false;
                        empty = false;
                        if (line[i..].StartsWith("service"u8) && i + 7 < line.Length && (line[i + 7] == (byte)'=' || line[i + 7] == (byte)' '))
                        {
                            entry.ExistingService = i;
                        }
                    }

                    break;
            }
        }

        return false; // no closing brace
    }

    private static int Write(ReadOnlySpan<Run> sorted, Line[] lines, ExpositionSource[] sources, IBufferWriter<byte> output)
    {
        var families = 0;
        var i = 0;
        while (i < sorted.Length)
        {
            var name = NameOf(sorted[i], sources);
            var end = i + 1;
            while (end < sorted.Length && NameOf(sorted[end], sources).SequenceEqual(name))
            {
                end++;
            }

            var help = -1;
            var type = -1;
            for (var r = i; r < end && (help < 0 || type < 0); r++)
            {
                for (var k = sorted[r].FirstLine; k < sorted[r].FirstLine + sorted[r].LineCount; k++)
                {
                    if (lines[k].Kind == LineKind.Help && help < 0)
                    {
                        help = k;
                    }
                    else if (lines[k].Kind == LineKind.Type && type < 0)
                    {
                        type = k;
                    }
                }
            }

            if (help >= 0)
            {
                WriteLine(output, TextOf(lines[help], sources));
            }

            var declared = ReadOnlySpan<byte>.Empty;
            if (type >= 0)
            {
                var typeLine = TextOf(lines[type], sources);
                WriteLine(output, typeLine);
                declared = typeLine.Slice(lines[type].Insert, lines[type].TypeLength);
            }

            var source = -1;
            var skip = false;
            for (var r = i; r < end; r++)
            {
                if (sorted[r].Source != source)
                {
                    source = sorted[r].Source;
                    skip = false;
                }

                var text = sources[source];
                for (var k = sorted[r].FirstLine; k < sorted[r].FirstLine + sorted[r].LineCount; k++)
                {
                    ref readonly var entry = ref lines[k];
                    if (entry.Kind == LineKind.Type)
                    {
                        skip = !text.Text.Span.Slice(entry.Start + entry.Insert, entry.TypeLength).SequenceEqual(declared);
                    }
                    else if (entry.Kind == LineKind.Sample && !skip)
                    {
                        WriteSample(output, entry, text);
                    }
                }
            }

            families++;
            i = end;
        }

        return families;
    }

    private static void WriteSample(IBufferWriter<byte> output, in Line entry, in ExpositionSource source)
    {
        var line = source.Text.Span.Slice(entry.Start, entry.Length);
        var label = source.ServiceLabel;
        if (label is null)
        {
            WriteLine(output, line);
            return;
        }

        output.Write(line[..entry.Insert]);
        switch (entry.Mode)
        {
            case InsertMode.Braces:
                output.Write("{"u8);
                output.Write(label);
                output.Write("}"u8);
                break;
            case InsertMode.Alone:
                output.Write(label);
                break;
            default:
                output.Write(label);
                output.Write(","u8);
                break;
        }

        if (entry.ExistingService >= 0)
        {
            output.Write(line[entry.Insert..entry.ExistingService]);
            output.Write(Exported);
            WriteLine(output, line[entry.ExistingService..]);
        }
        else
        {
            WriteLine(output, line[entry.Insert..]);
        }
    }

    private static void WriteLine(IBufferWriter<byte> output, ReadOnlySpan<byte> line)
    {
        var span = output.GetSpan(line.Length + 1);
        line.CopyTo(span);
        span[line.Length] = (byte)'\n';
        output.Advance(line.Length + 1);
    }

    private static ReadOnlySpan<byte> NameOf(in Run run, ExpositionSource[] sources) => sources[run.Source].Text.Span.Slice(run.NameStart, run.NameLength);

    private static ReadOnlySpan<byte> NameOf(in Line entry, ExpositionSource[] sources) => sources[entry.Source].Text.Span.Slice(entry.NameStart, entry.NameLength);

    private static ReadOnlySpan<byte> TextOf(in Line entry, ExpositionSource[] sources) => sources[entry.Source].Text.Span.Slice(entry.Start, entry.Length);

    private enum LineKind : byte
    {
        Help,
        Type,
        Sample,
    }

    private enum InsertMode : byte
    {
        /// <summary>No label set: add <c>{service="x"}</c> after the name.</summary>
        Braces,

        /// <summary>An empty <c>{}</c>: add <c>service="x"</c> inside.</summary>
        Alone,

        /// <summary>Labels follow: add <c>service="x",</c> before them.</summary>
        BeforeOthers,
    }

    /// <summary>One line of one source, by offsets: no copies, no strings.</summary>
    private struct Line
    {
        public int Source;
        public int Start;
        public int Length;
        public int NameStart;
        public int NameLength;
        public int Insert;
        public int TypeLength;
        public int ExistingService;
        public LineKind Kind;
        public InsertMode Mode;
    }

    /// <summary>Consecutive lines of one source that belong to one family.</summary>
    private struct Run
    {
        public int Source;
        public int FirstLine;
        public int LineCount;
        public int NameStart;
        public int NameLength;
    }

    /// <summary>By family name (ordinal bytes), then input order: keeps each source's lines in their order.</summary>
    private readonly struct RunOrder(ExpositionSource[] sources) : IComparer<Run>
    {
        public int Compare(Run x, Run y)
        {
            var order = NameOf(x, sources).SequenceCompareTo(NameOf(y, sources));
            return order != 0 ? order : x.FirstLine.CompareTo(y.FirstLine);
        }
    }
}
