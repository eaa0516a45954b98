namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// A growable window over a stream for byte-level readers: the unconsumed bytes stay contiguous so a row can be
/// parsed in place, and the window never grows past a fixed capacity, so a row without an end cannot exhaust
/// memory. Not thread safe.
/// </summary>
internal sealed class ByteWindow : IDisposable
{
    private const int InitialCapacity = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxCapacity;
    private readonly string? _textEncodingName;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;

    /// <summary>Creates the window.</summary>
    /// <param name="stream">The source; the window owns it and disposes it.</param>
    /// <param name="maxRowBytes">The largest row the caller accepts; the window holds at most a little more.</param>
    /// <param name="textEncodingName">For text sources, the declared encoding: a NUL byte then fails the source as
    /// binary. Null for binary sources (packed decimals hold zero bytes).</param>
    public ByteWindow(Stream stream, int maxRowBytes, string? textEncodingName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowBytes);
        _stream = stream;
        _maxCapacity = (int)Math.Min(Array.MaxLength, Math.Max(InitialCapacity, (long)maxRowBytes + 2));
        _buffer = new byte[Math.Min(InitialCapacity, _maxCapacity)];
        _textEncodingName = textEncodingName;
    }

    /// <summary>The unconsumed bytes.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, _end - _start);

    /// <summary>The underlying buffer; valid until the next <see cref="Fill"/>.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Index in <see cref="Buffer"/> of the first unconsumed byte.</summary>
    public int Start => _start;

    /// <summary>True once the stream has returned all its bytes.</summary>
    public bool EndOfStream => _endOfStream;

    /// <summary>Absolute stream offset of the first unconsumed byte: the bytes consumed so far.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Marks <paramref name="count"/> bytes as consumed.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _end - _start);
        _start += count;
    }

    /// <summary>
    /// Reads more bytes after the unconsumed ones, moving and growing the buffer as needed. Returns false at the end
    /// of the stream. The caller must have checked that the unconsumed bytes are below its row limit.
    /// </summary>
    public bool Fill()
    {
        if (_endOfStream)
        {
            return false;
        }

        if (_start > 0)
        {
            var count = _end - _start;
            _buffer.AsSpan(_start, count).CopyTo(_buffer);
            _bufferOffset += _start;
            _start = 0;
            _end = count;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxCapacity)
            {
                throw new InvalidOperationException("The window is full; the caller should have enforced its row limit.");
            }

            Array.Resize(ref _buffer, (int)Math.Min(_maxCapacity, (long)_buffer.Length * 2));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
            return false;
        }

        if (_textEncodingName is not null)
        {
            var nul = _buffer.AsSpan(_end, read).IndexOf((byte)0);
            if (nul >= 0)
            {
                throw new SourceFormatException(
                    $"The source has a NUL byte at byte {_bufferOffset + _end + nul}: it looks like a binary or UTF-16 file, not {_textEncodingName} text (declare the right format and encoding in the mapping).");
            }
        }

        _end += read;
        return true;
    }

    /// <summary>Fills until at least <paramref name="count"/> bytes are unconsumed or the stream ends.</summary>
    public void EnsureAvailable(int count)
    {
        while (_end - _start < count && Fill())
        {
        }
    }

    /// <summary>Disposes the stream.</summary>
    public void Dispose() => _stream.Dispose();
}
