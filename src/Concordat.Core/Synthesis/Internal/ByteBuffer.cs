using System.Buffers;
using System.Globalization;
using System.Text;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// A growable byte buffer for one chunk of one output file, reused across chunks so steady-state generation does not
/// allocate. Also an <see cref="IBufferWriter{T}"/> for <see cref="System.Text.Json.Utf8JsonWriter"/>. Not thread safe.
/// </summary>
internal sealed class ByteBuffer : IBufferWriter<byte>
{
    private byte[] _bytes;
    private int _count;

    /// <summary>Creates a buffer with an initial capacity.</summary>
    public ByteBuffer(int capacity = 1 << 16) => _bytes = new byte[capacity];

    /// <summary>Bytes written so far.</summary>
    public int Count => _count;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, _count);

    /// <summary>Forgets the content, keeping the capacity.</summary>
    public void Clear() => _count = 0;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _bytes.Length - _count);
        _count += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _bytes.AsMemory(_count);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _bytes.AsSpan(_count);
    }

    /// <summary>Appends one byte.</summary>
    public void Write(byte value)
    {
        Ensure(1);
        _bytes[_count++] = value;
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_count));
        _count += bytes.Length;
    }

    /// <summary>Appends text that is known to be ASCII (identifiers, digits, field names), one byte per character.</summary>
    public void WriteAscii(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        var span = _bytes.AsSpan(_count);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _count += text.Length;
    }

    /// <summary>Appends text as UTF-8.</summary>
    public void WriteUtf8(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _count += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_count));
    }

    /// <summary>Appends text in a single-byte code page, optionally upper-cased.</summary>
    public void WriteEncoded(ReadOnlySpan<char> text, SingleByteCodec codec, bool upper = false)
    {
        Ensure(text.Length);
        _count += codec.Encode(text, _bytes.AsSpan(_count), upper);
    }

    /// <summary>Appends a non-negative integer in ASCII digits, zero-padded to <paramref name="minDigits"/>.</summary>
    public void WriteNumber(long value, int minDigits = 1)
    {
        Ensure(20);
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var n, minDigits > 1 ? DigitFormats[Math.Min(minDigits, DigitFormats.Length - 1)] : default, CultureInfo.InvariantCulture);
        WriteAscii(digits[..n]);
    }

    private static readonly string[] DigitFormats = ["D1", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12"];

    private void Ensure(int extra)
    {
        if (_bytes.Length - _count >= extra)
        {
            return;
        }

        var size = Math.Max(_bytes.Length * 2, _count + extra);
        Array.Resize(ref _bytes, size);
    }
}
