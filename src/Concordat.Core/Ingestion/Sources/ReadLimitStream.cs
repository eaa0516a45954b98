namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// A read-only stream wrapper that fails once more than a limit of bytes has been read since the last
/// <see cref="Mark"/>, so a parser that buffers whole nodes (XmlReader) cannot be made to hold a gigabyte of one
/// record. Not thread safe.
/// </summary>
internal sealed class ReadLimitStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly Func<string> _message;
    private long _position;
    private long _mark;

    /// <summary>Wraps <paramref name="inner"/>, which this stream owns.</summary>
    /// <param name="inner">The stream to read.</param>
    /// <param name="limit">Bytes allowed between marks.</param>
    /// <param name="message">Builds the <see cref="SourceFormatException"/> message when the limit is passed.</param>
    public ReadLimitStream(Stream inner, long limit, Func<string> message)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(message);
        _inner = inner;
        _limit = limit;
        _message = message;
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _position;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Starts counting the limit again from the current position.</summary>
    public void Mark() => _mark = _position;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (_position - _mark > _limit)
        {
            throw new SourceFormatException(_message());
        }

        var read = _inner.Read(buffer);
        _position += read;
        return read;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
