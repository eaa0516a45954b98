using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;

namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Kept pairs written to a temporary file when memory runs short, then read back through a memory map: fixed-size
/// records of left row, right row, weight and one byte per comparison level. The operating system pages the file
/// in and out, so pairs beyond the memory bound cost disk, not heap. The file is deleted when closed. One writer,
/// then many readers once sealed.
/// </summary>
internal sealed class PairSpill : IDisposable
{
    private readonly FileStream _file;
    private readonly int _width;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;

    public PairSpill(string directory, int width)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"concordat-pairs-{Guid.NewGuid():N}.spill");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _width = width;
        RecordSize = 12 + width;
    }

    public int RecordSize { get; }

    public long Count { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long Bytes => Count * RecordSize;

    public void Append(int[] left, int[] right, IReadOnlyList<float> weights, byte[] levels, int count)
    {
        var buffer = new byte[RecordSize * 4096];
        var used = 0;
        for (var p = 0; p < count; p++)
        {
            var record = buffer.AsSpan(used, RecordSize);
            BinaryPrimitives.WriteInt32LittleEndian(record, left[p]);
            BinaryPrimitives.WriteInt32LittleEndian(record[4..], right[p]);
            BinaryPrimitives.WriteSingleLittleEndian(record[8..], weights[p]);
            levels.AsSpan(p * _width, _width).CopyTo(record[12..]);
            used += RecordSize;
            if (used == buffer.Length)
            {
                _file.Write(buffer, 0, used);
                used = 0;
            }
        }

        _file.Write(buffer, 0, used);
        Count += count;
    }

    /// <summary>Ends writing and maps the file for reading.</summary>
    public void Seal()
    {
        _file.Flush();
        if (Count == 0)
        {
            return;
        }

        _map = MemoryMappedFile.CreateFromFile(_file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        _view = _map.CreateViewAccessor(0, Bytes, MemoryMappedFileAccess.Read);
    }

    public void Dispose()
    {
        _view?.Dispose();
        _map?.Dispose();
        _file.Dispose();
    }

    public int Left(long index) => _view!.ReadInt32(index * RecordSize);

    public int Right(long index) => _view!.ReadInt32((index * RecordSize) + 4);

    public float Weight(long index) => _view!.ReadSingle((index * RecordSize) + 8);

    public byte Level(long index, int comparison) => _view!.ReadByte((index * RecordSize) + 12 + comparison);
}
