using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Checks raw bytes against a declared encoding before they are decoded, so a mis-declared file fails as a whole
/// with the offset of the first bad byte instead of quietly producing wrong text. Thread safe.
/// </summary>
internal sealed class TextValidator
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly bool _utf8;
    private readonly SearchValues<byte>? _invalidBytes;
    private readonly string _name;

    /// <summary>Creates a validator for <paramref name="encoding"/> (UTF-8 or single-byte with exception fallback).</summary>
    public TextValidator(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        _utf8 = TextEncodings.IsUtf8(encoding);
        _name = encoding.WebName;
        if (!_utf8)
        {
            var invalid = new List<byte>();
            for (var b = 0; b < 256; b++)
            {
                try
                {
                    encoding.GetCharCount([(byte)b]);
                }
                catch (DecoderFallbackException)
                {
                    invalid.Add((byte)b);
                }
            }

            _invalidBytes = invalid.Count == 0 ? null : SearchValues.Create(invalid.ToArray());
        }
    }

    /// <summary>Whether the encoding is UTF-8.</summary>
    public bool IsUtf8 => _utf8;

    /// <summary>
    /// Consumes a UTF-8 byte order mark at the start of the stream when the encoding is UTF-8, and refuses one when
    /// another encoding was declared (the file is then almost certainly UTF-8).
    /// </summary>
    public void HandleByteOrderMark(ByteWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        window.EnsureAvailable(Utf8Bom.Length);
        if (!window.Data.StartsWith(Utf8Bom))
        {
            return;
        }

        if (!_utf8)
        {
            throw new SourceFormatException(
                $"The source starts with a UTF-8 byte order mark but is declared {_name}; declare \"utf-8\" as the encoding in the mapping.");
        }

        window.Advance(Utf8Bom.Length);
    }

    /// <summary>Throws <see cref="SourceFormatException"/> when <paramref name="bytes"/> are not valid in the encoding.</summary>
    /// <param name="bytes">The bytes of one row or line.</param>
    /// <param name="offset">Absolute stream offset of <paramref name="bytes"/>, for the message.</param>
    /// <param name="line">Line number of the row, for the message.</param>
    public void Validate(ReadOnlySpan<byte> bytes, long offset, long line)
    {
        if (_utf8)
        {
            if (!Utf8.IsValid(bytes))
            {
                throw new SourceFormatException(
                    $"The source is not valid UTF-8 at byte {offset + FirstInvalidUtf8(bytes)} (line {line}); declare the encoding in the mapping, e.g. \"encoding\": \"windows-1252\".");
            }
        }
        else if (_invalidBytes is not null)
        {
            var index = bytes.IndexOfAny(_invalidBytes);
            if (index >= 0)
            {
                throw new SourceFormatException(
                    $"The source is not valid {_name} at byte {offset + index} (line {line}, byte 0x{bytes[index]:X2}); declare the encoding in the mapping.");
            }
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return index;
    }
}
