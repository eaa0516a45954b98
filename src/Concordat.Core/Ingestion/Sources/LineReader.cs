using System.Globalization;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Splits a <see cref="ByteWindow"/> into lines ending in LF or CR LF, refusing a line longer than the row limit
/// after reading no more than that many bytes of it. Not thread safe.
/// </summary>
internal sealed class LineReader
{
    private readonly ByteWindow _window;
    private readonly byte _lf;
    private readonly byte _cr;
    private readonly int _maxLineBytes;
    private long _nextLine = 1;

    /// <summary>Creates the reader.</summary>
    /// <param name="window">The bytes to split.</param>
    /// <param name="lf">The line feed byte in the source encoding (0x25 in EBCDIC).</param>
    /// <param name="cr">The carriage return byte in the source encoding.</param>
    /// <param name="maxLineBytes">The longest line accepted, not counting its line break.</param>
    public LineReader(ByteWindow window, byte lf, byte cr, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(window);
        _window = window;
        _lf = lf;
        _cr = cr;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Absolute stream offset of the line last returned.</summary>
    public long LineOffset { get; private set; }

    /// <summary>Index in <see cref="ByteWindow.Buffer"/> of the line last returned; valid until the next call.</summary>
    public int LineStart { get; private set; }

    /// <summary>Length in bytes of the line last returned, without its line break.</summary>
    public int LineLength { get; private set; }

    /// <summary>Moves to the next line; false at the end of the stream.</summary>
    /// <exception cref="SourceFormatException">The line is longer than the limit.</exception>
    public bool ReadLine()
    {
        var scanned = 0;
        int index;
        while ((index = _window.Data[scanned..].IndexOf(_lf)) < 0)
        {
            scanned = _window.Data.Length;
            if (_window.Data.Length > _maxLineBytes + 1L)
            {
                throw new SourceFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Line {_nextLine} is longer than MaxRowBytes ({_maxLineBytes} bytes): the file may have no line breaks."));
            }

            if (!_window.Fill())
            {
                break;
            }
        }

        index = index < 0 ? -1 : scanned + index;
        var data = _window.Data;
        if (data.IsEmpty)
        {
            return false;
        }

        var consumed = index < 0 ? data.Length : index + 1;
        var length = index < 0 ? data.Length : index;
        if (length > 0 && data[length - 1] == _cr)
        {
            length--;
        }

        if (length > _maxLineBytes)
        {
            throw new SourceFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"Line {_nextLine} is longer than MaxRowBytes ({_maxLineBytes} bytes)."));
        }

        LineNumber = _nextLine++;
        LineOffset = _window.Position;
        LineStart = _window.Start;
        LineLength = length;
        _window.Advance(consumed);
        return true;
    }

    /// <summary>The line last returned.</summary>
    public ReadOnlySpan<byte> Line => _window.Buffer.AsSpan(LineStart, LineLength);

    /// <summary>The line last returned, as memory over the window's buffer; valid until the next call.</summary>
    public ReadOnlyMemory<byte> LineMemory => _window.Buffer.AsMemory(LineStart, LineLength);
}
