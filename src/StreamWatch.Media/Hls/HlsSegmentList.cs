using System.Collections;

namespace StreamWatch.Media.Hls;

/// <summary>The segments of a media playlist, in order; indexing creates a view, never an object.</summary>
public sealed class HlsSegmentList : IReadOnlyList<HlsSegment>
{
    private readonly HlsMediaPlaylist _playlist;

    internal HlsSegmentList(HlsMediaPlaylist playlist, int count)
    {
        _playlist = playlist;
        Count = count;
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public HlsSegment this[int index] => (uint)index < (uint)Count ? new HlsSegment(_playlist, index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>A struct enumerator, so <c>foreach</c> allocates nothing.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<HlsSegment> IEnumerable<HlsSegment>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates segments in order.</summary>
    public struct Enumerator : IEnumerator<HlsSegment>
    {
        private readonly HlsSegmentList _list;
        private int _index;

        internal Enumerator(HlsSegmentList list)
        {
            _list = list;
            _index = -1;
        }

        /// <inheritdoc />
        public readonly HlsSegment Current => new(_list._playlist, _index);

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => ++_index < _list.Count;

        /// <inheritdoc />
        public void Reset() => _index = -1;

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
