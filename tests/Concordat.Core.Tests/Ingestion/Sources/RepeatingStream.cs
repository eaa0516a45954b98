namespace Concordat.Core.Tests.Ingestion.Sources;

/// <summary>
/// An optional prefix followed by a long run of one repeated byte that is never held in memory, counting what was
/// read from it.
/// </summary>
internal sealed class RepeatingStream(byte value, long length, byte[]? prefix = null) : Stream
{
    private readonly byte[] _prefix = prefix ?? [];
    private long _position;

    public long BytesServed => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _prefix.Length + length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, Length - _position);
        for (var i = 0; i < n; i++)
        {
            var at = _position + i;
            buffer[i] = at < _prefix.Length ? _prefix[at] : value;
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
