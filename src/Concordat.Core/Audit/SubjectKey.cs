using System.Diagnostics.CodeAnalysis;

namespace Concordat.Core.Audit;

/// <summary>
/// A keyed, non-reversible name for a person in the audit log (see <see cref="SubjectKeyer"/>): 32 bytes shown as
/// 64 lower-case hex digits. The log holds these, never raw identifiers, so a citizen's accesses can be found by
/// recomputing their key while a copy of the log alone names nobody. Immutable; compares by value.
/// </summary>
public sealed class SubjectKey : IEquatable<SubjectKey>
{
    /// <summary>Length in bytes.</summary>
    public const int Size = 32;

    private readonly byte[] _bytes;

    /// <summary>Wraps 32 bytes (copied).</summary>
    public SubjectKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A subject key is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The key's bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SubjectKey? key)
    {
        key = null;
        if (text is null || text.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        key = new SubjectKey(bytes);
        return true;
    }

    /// <summary>The 64 lower-case hex digits.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);

    /// <inheritdoc />
    public bool Equals(SubjectKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SubjectKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
}
