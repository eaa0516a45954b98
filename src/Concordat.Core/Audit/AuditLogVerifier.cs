using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Concordat.Core.Audit;

/// <summary>
/// Checks an exported log (<see cref="AuditExportFormat"/>) offline with only the public key: recomputes every leaf
/// from the entry's content and index, rebuilds the tree in O(log n) memory, checks each checkpoint's signature and
/// root, and names the first altered, reordered or missing entry. What can be pinned to one entry: an entry whose
/// content no longer matches the leaf hash stored when it was appended, and a gap or swap in the index sequence.
/// An alteration that also rewrote the stored leaf hash is caught by the next checkpoint, which pins it to the
/// entries since the previous checkpoint. Not thread safe; one verifier per export.
/// </summary>
public sealed class AuditLogVerifier
{
    private const int BufferSize = 4 << 20;
    private const int MaxLineBytes = 64 * 1024 * 1024;
    private readonly AuditPublicKey _key;
    private readonly Checkpoint? _trusted;
    private readonly Func<Stream> _spool;

    /// <summary>Creates a verifier.</summary>
    /// <param name="key">The hub's public key.</param>
    /// <param name="trusted">A checkpoint saved earlier (and so trusted): the log must contain its state.</param>
    /// <param name="spool">
    /// Opens a fresh, empty, readable and writable stream in which the verifier keeps every leaf hash (32 bytes per
    /// entry), to check checkpoints met after the entries they cover; it disposes the stream. Null keeps them in memory.
    /// A caller verifying logs of many millions of entries passes a temporary file.
    /// </param>
    public AuditLogVerifier(AuditPublicKey key, Checkpoint? trusted = null, Func<Stream>? spool = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _trusted = trusted;
        _spool = spool ?? (() => new MemoryStream());
    }

    /// <summary>Reads the whole export and reports the first problem, if any.</summary>
    public async Task<AuditVerification> VerifyAsync(Stream export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var state = new State(_key, _trusted, _spool());
        if (_trusted is not null && !_key.Verify(_trusted))
        {
            return state.Fail(new AuditProblem("checkpoint.forged", "The trusted checkpoint given does not verify with the public key.", null, 0));
        }

        // Reading and parsing (on every core) run one block ahead of applying blocks to the tree in order, so the
        // sequential part (tree hashing, sequence and checkpoint checks) overlaps the parallel part instead of
        // leaving cores idle between blocks.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var blocks = Channel.CreateBounded<Block>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ReadBlocksAsync(export, _key, blocks.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var block in blocks.Reader.ReadAllAsync(cancellationToken))
            {
                if (block.TooLong)
                {
                    return state.Fail(new AuditProblem("export.malformed", $"A line is longer than {MaxLineBytes} bytes.", state.Expected, state.Line + 1));
                }

                state.Apply(block.Lines);
                if (state.Stopped)
                {
                    return state.Result();
                }
            }

            return state.Finish();
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException)
            {
                // Stopped early on purpose: the first problem is already known.
            }
        }
    }

    private static async Task ReadBlocksAsync(Stream export, AuditPublicKey key, ChannelWriter<Block> blocks, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new byte[BufferSize];
            var filled = 0;
            var start = 0;
            while (true)
            {
                var read = await export.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                var end = read == 0 ? filled : buffer.AsSpan(start, filled - start).LastIndexOf((byte)'\n') + start + 1;
                if (end > start)
                {
                    await blocks.WriteAsync(new Block(ParseBlock(buffer, start, end - start, key), false), cancellationToken);
                    start = end;
                }

                if (read == 0)
                {
                    break;
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, filled - start).CopyTo(buffer);
                    filled -= start;
                    start = 0;
                }

                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxLineBytes)
                    {
                        await blocks.WriteAsync(new Block([], true), cancellationToken);
                        break;
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            blocks.TryComplete();
        }
        catch (Exception ex)
        {
            blocks.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Parses, re-encodes and hashes a block of whole lines, and checks checkpoint signatures, on every core; the per-line work is independent.</summary>
    private static ParsedLine[] ParseBlock(byte[] buffer, int start, int length, AuditPublicKey key)
    {
        var ranges = new List<(int Start, int Length)>();
        var block = buffer.AsSpan(start, length);
        var offset = 0;
        while (offset < block.Length)
        {
            var newline = block[offset..].IndexOf((byte)'\n');
            var lineLength = newline < 0 ? block.Length - offset : newline;
            ranges.Add((start + offset, lineLength));
            offset += lineLength + 1;
        }

        var parsed = new ParsedLine[ranges.Count];
        Parallel.For(0, ranges.Count, () => new ArrayBufferWriter<byte>(1024), (i, _, canonical) =>
        {
            var (lineStart, lineLength) = ranges[i];
            parsed[i] = ParsedLine.Parse(buffer.AsSpan(lineStart, lineLength), canonical, key);
            return canonical;
        }, _ => { });
        return parsed;
    }

    private readonly record struct Block(ParsedLine[] Lines, bool TooLong);

    /// <summary>
    /// The sequential part: the tree, the sequence checks, and the checkpoints, which may sit anywhere in the file. A
    /// checkpoint met before the entries it covers waits until the tree reaches its size; one met after them (whose
    /// root the tree has moved past) is checked at the end against the spooled leaf hashes, so
    /// where a checkpoint line sits never decides whether or how it is checked.
    /// </summary>
    private sealed class State(AuditPublicKey key, Checkpoint? trusted, Stream spool) : IDisposable
    {
        private readonly MerkleFrontier _frontier = new();
        private readonly PriorityQueue<(Checkpoint Checkpoint, long Line), long> _ahead = new();
        private readonly List<(Checkpoint Checkpoint, long Line)> _behind = [];
        private readonly SortedSet<long> _verified = [];
        private readonly Stream _spool = spool;
        private AuditExportHeader? _header;
        private Checkpoint? _latest;
        private string? _origin = trusted?.Origin;
        private int _checkpoints;
        private AuditProblem? _problem;
        private AuditProblem? _gap;
        private long _gapIndex = -1;
        private bool _trustedSeen;

        public long Line { get; private set; }

        public long Expected { get; private set; }

        public bool Stopped => _problem is not null;

        public void Dispose() => _spool.Dispose();

        /// <summary>Applies a block's parsed lines in order: the tree and the sequence checks.</summary>
        public void Apply(ParsedLine[] parsed)
        {
            foreach (var line in parsed)
            {
                if (_problem is not null)
                {
                    return;
                }

                Line++;
                if (!line.Empty)
                {
                    One(line);
                }
            }
        }

        public AuditVerification Fail(AuditProblem problem)
        {
            _problem ??= problem;
            return Result();
        }

        public AuditVerification Result() =>
            new(Expected, _checkpoints, _latest, Expected - (_latest?.TreeSize ?? 0), _problem);

        public AuditVerification Finish()
        {
            if (_gap is not null)
            {
                return Fail(new AuditProblem("entry.missing", $"Entry {N(_gapIndex)} is missing: the export goes from entry {N(_gapIndex - 1)} to a later one.", _gapIndex, _gap.Line));
            }

            if (_ahead.TryPeek(out var beyond, out _))
            {
                return Fail(new AuditProblem("entry.missing", $"Entry {N(Expected)} is missing: the checkpoint at size {N(beyond.Checkpoint.TreeSize)} (line {N(beyond.Line)}) covers it, but the export ends after {N(Expected)} entries.", Expected, beyond.Line));
            }

            if (_header is not null && _header.TreeSize > Expected)
            {
                return Fail(new AuditProblem("log.truncated", $"Entry {N(Expected)} is missing: the header promises {N(_header.TreeSize)} entries but the export ends after {N(Expected)}.", Expected, Line));
            }

            if (trusted is { TreeSize: 0 } && !_trustedSeen)
            {
                // The empty tree is reached before the first entry, so no entry line ever checks it.
                _trustedSeen = true;
                if (!CryptographicOperations.FixedTimeEquals(MerkleHashes.EmptyRoot(), trusted.RootHash))
                {
                    return Fail(new AuditProblem("checkpoint.mismatch", "The trusted checkpoint at size 0 does not state the empty tree's root.", null, Line));
                }
            }

            if (trusted is not null && !_trustedSeen)
            {
                return Fail(trusted.TreeSize > Expected
                    ? new AuditProblem("log.truncated", $"Entry {N(Expected)} is missing: the trusted checkpoint covers {N(trusted.TreeSize)} entries but the export ends after {N(Expected)}.", Expected, Line)
                    : new AuditProblem("checkpoint.mismatch", "The export does not reach the trusted checkpoint's size.", null, Line));
            }

            if (_behind.Count > 0 && CheckBehind() is { } behind)
            {
                return Fail(behind);
            }

            if (Expected > 0 && _checkpoints == 0)
            {
                return Fail(new AuditProblem("log.unsigned", "No signed checkpoint covers the log, so none of its entries can be verified.", 0, Line));
            }

            return Result();
        }

        private void One(ParsedLine parsed)
        {
            if (parsed.Error is { } error)
            {
                _problem = new AuditProblem("entry.malformed", $"Line {N(Line)} (where entry {N(Expected)} is expected) is malformed: {error}", Expected, Line);
                return;
            }

            if (_gap is not null)
            {
                // After a gap, keep reading only to learn whether the missing entry turns up later (a reorder).
                if (parsed.IsEntry && parsed.Index == _gapIndex)
                {
                    _problem = new AuditProblem("entry.reordered", $"Entry {N(_gapIndex)} is out of order: expected on line {N(_gap.Line)}, found on line {N(Line)}.", _gapIndex, _gap.Line);
                }

                return;
            }

            if (parsed.IsEntry)
            {
                OnEntry(parsed);
            }
            else if (parsed.Line?.Header is { } header)
            {
                if (Line != 1 || header.Format != AuditExportFormat.FormatName)
                {
                    _problem = new AuditProblem("export.malformed", $"Line {N(Line)}: a header must be the first line and name {AuditExportFormat.FormatName}.", null, Line);
                }

                _header = header;
                _origin ??= header.Origin;
            }
            else if (parsed.Line?.Checkpoint is { } checkpoint)
            {
                OnCheckpoint(checkpoint, parsed.SignatureValid);
            }
        }

        private void OnEntry(ParsedLine parsed)
        {
            if (parsed.Index != Expected)
            {
                if (parsed.Index > Expected)
                {
                    _gap = new AuditProblem("entry.missing", string.Empty, Expected, Line);
                    _gapIndex = Expected;
                }
                else
                {
                    _problem = new AuditProblem("entry.reordered", $"Line {N(Line)} holds entry {N(parsed.Index)} where entry {N(Expected)} is expected: entries are reordered or repeated.", parsed.Index, Line);
                }

                return;
            }

            if (parsed.EncodeError is { } encodeError)
            {
                _problem = new AuditProblem("entry.malformed", $"Entry {N(Expected)} cannot be encoded: {encodeError}", Expected, Line);
                return;
            }

            if (!CryptographicOperations.FixedTimeEquals(parsed.Leaf, parsed.RecordedLeaf))
            {
                _problem = new AuditProblem("entry.altered", $"Entry {N(Expected)} has been altered: its content does not match the leaf hash recorded when it was appended.", Expected, Line);
                return;
            }

            _frontier.Append(parsed.Leaf);
            _spool.Write(parsed.Leaf);
            Expected++;
            if (trusted is not null && _frontier.Size == trusted.TreeSize)
            {
                _trustedSeen = true;
                if (!CryptographicOperations.FixedTimeEquals(_frontier.Root(), trusted.RootHash))
                {
                    var from = trusted.TreeSize > 0 && _verified.GetViewBetween(0, trusted.TreeSize - 1) is { Count: > 0 } below ? below.Max : 0;
                    _problem = new AuditProblem("checkpoint.mismatch", $"Entries {N(from)} to {N(trusted.TreeSize - 1)} do not match the trusted checkpoint: the first altered, reordered or missing entry is among them.", from, Line);
                    return;
                }
            }

            while (_problem is null && _ahead.TryPeek(out var waiting, out var size) && size == Expected)
            {
                _ahead.Dequeue();
                CheckRoot(waiting.Checkpoint, waiting.Line, _frontier.Root());
            }
        }

        private void OnCheckpoint(Checkpoint checkpoint, bool signatureValid)
        {
            var size = N(checkpoint.TreeSize);
            if (!signatureValid)
            {
                var why = checkpoint.KeyId == key.KeyId ? "its signature does not verify" : $"it names key {checkpoint.KeyId}, not {key.KeyId}";
                _problem = new AuditProblem("checkpoint.forged", $"The checkpoint at size {size} (line {N(Line)}) is forged or altered: {why}.", Math.Min(checkpoint.TreeSize, Expected), Line);
                return;
            }

            _origin ??= checkpoint.Origin;
            if (checkpoint.Origin != _origin)
            {
                _problem = new AuditProblem("checkpoint.forged", $"The checkpoint at size {size} (line {N(Line)}) belongs to log '{checkpoint.Origin}', not '{_origin}'.", null, Line);
                return;
            }

            if (checkpoint.TreeSize > Expected)
            {
                _ahead.Enqueue((checkpoint, Line), checkpoint.TreeSize);
            }
            else if (checkpoint.TreeSize < Expected)
            {
                _behind.Add((checkpoint, Line));
            }
            else
            {
                CheckRoot(checkpoint, Line, _frontier.Root());
            }
        }

        /// <summary>Compares a signed root with the tree's root at its size, which the caller computed.</summary>
        private void CheckRoot(Checkpoint checkpoint, long line, byte[] root)
        {
            if (!CryptographicOperations.FixedTimeEquals(root, checkpoint.RootHash))
            {
                // The range starts at the largest size already proved good below this one.
                var from = checkpoint.TreeSize > 0 && _verified.GetViewBetween(0, checkpoint.TreeSize - 1) is { Count: > 0 } below ? below.Max : 0;
                _problem = new AuditProblem("checkpoint.mismatch", $"Entries {N(from)} to {N(checkpoint.TreeSize - 1)} do not match the checkpoint signed at size {N(checkpoint.TreeSize)} (line {N(line)}): the first altered, reordered or missing entry is among them.", from, line);
                return;
            }

            if (_latest is null || checkpoint.TreeSize >= _latest.TreeSize)
            {
                _latest = checkpoint;
            }

            _verified.Add(checkpoint.TreeSize);
            _checkpoints++;
        }

        /// <summary>Checks the checkpoints met after the entries they cover: one pass over the spooled leaf hashes, smallest size first.</summary>
        private AuditProblem? CheckBehind()
        {
            _spool.Flush();
            _spool.Position = 0;
            var frontier = new MerkleFrontier();
            var leaf = new byte[MerkleHashes.Size];
            foreach (var (checkpoint, line) in _behind.OrderBy(b => b.Checkpoint.TreeSize))
            {
                while (frontier.Size < checkpoint.TreeSize)
                {
                    _spool.ReadExactly(leaf);
                    frontier.Append(leaf);
                }

                CheckRoot(checkpoint, line, frontier.Root());
                if (_problem is not null)
                {
                    return _problem;
                }
            }

            return null;
        }

        private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One line's independent work: parsed, and for an entry its canonical leaf recomputed.</summary>
    private readonly record struct ParsedLine(bool Empty, bool IsEntry, long Index, AuditExportLine? Line, string? Error, byte[] Leaf, byte[] RecordedLeaf, string? EncodeError, bool SignatureValid = false)
    {
        public static ParsedLine Parse(ReadOnlySpan<byte> text, ArrayBufferWriter<byte> canonical, AuditPublicKey key)
        {
            if (text.IsEmpty)
            {
                return new ParsedLine(true, false, -1, null, null, [], [], null);
            }

            var recorded = new byte[MerkleHashes.Size];
            canonical.ResetWrittenCount();
            if (AuditEntryTranscoder.TryTranscode(text, canonical, recorded, out var fastIndex))
            {
                return new ParsedLine(false, true, fastIndex, null, null, Hash(canonical), recorded, null);
            }

            AuditExportLine line;
            try
            {
                line = AuditExportFormat.ReadLine(text);
            }
            catch (FormatException ex)
            {
                return new ParsedLine(false, false, -1, null, ex.Message, [], [], null);
            }

            if (line.Entry is not { } entry)
            {
                return new ParsedLine(false, false, -1, line, null, [], [], null, line.Checkpoint is { } checkpoint && key.Verify(checkpoint));
            }

            canonical.ResetWrittenCount();
            try
            {
                AuditEntryCodec.Encode(entry.Index, entry.Entry, canonical);
            }
            catch (ArgumentException ex)
            {
                return new ParsedLine(false, true, entry.Index, line, null, [], entry.LeafHash, ex.Message);
            }

            return new ParsedLine(false, true, entry.Index, line, null, Hash(canonical), entry.LeafHash, null);
        }

        private static byte[] Hash(ArrayBufferWriter<byte> canonical)
        {
            var leaf = new byte[MerkleHashes.Size];
            MerkleHashes.Leaf(canonical.WrittenSpan, leaf);
            return leaf;
        }
    }
}
