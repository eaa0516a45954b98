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

    /// <summary>Creates a verifier.</summary>
    /// <param name="key">The hub's public key.</param>
    /// <param name="trusted">A checkpoint saved earlier (and so trusted): the log must contain its state.</param>
    public AuditLogVerifier(AuditPublicKey key, Checkpoint? trusted = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _trusted = trusted;
    }

    /// <summary>Reads the whole export and reports the first problem, if any.</summary>
    public async Task<AuditVerification> VerifyAsync(Stream export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        var state = new State(_key, _trusted);
        if (_trusted is not null && !_key.Verify(_trusted))
        {
            return state.Fail(new AuditProblem("checkpoint.forged", "The trusted checkpoint given does not verify with the public key.", null, 0));
        }

        // Reading and parsing (on every core) run one block ahead of applying blocks to the tree in order, so the
        // sequential part (tree hashing, sequence and checkpoint checks) overlaps the parallel part instead of
        // leaving cores idle between blocks.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var blocks = Channel.CreateBounded<Block>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ReadBlocksAsync(export, blocks.Writer, stop.Token), CancellationToken.None);
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

    private static async Task ReadBlocksAsync(Stream export, ChannelWriter<Block> blocks, CancellationToken cancellationToken)
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
                    await blocks.WriteAsync(new Block(ParseBlock(buffer, start, end - start), false), cancellationToken);
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

    /// <summary>Parses, re-encodes and hashes a block of whole lines on every core; the per-line work is independent.</summary>
    private static ParsedLine[] ParseBlock(byte[] buffer, int start, int length)
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
            parsed[i] = ParsedLine.Parse(buffer.AsSpan(lineStart, lineLength), canonical);
            return canonical;
        }, _ => { });
        return parsed;
    }

    private readonly record struct Block(ParsedLine[] Lines, bool TooLong);

    private sealed class State(AuditPublicKey key, Checkpoint? trusted)
    {
        private readonly MerkleFrontier _frontier = new();
        private AuditExportHeader? _header;
        private Checkpoint? _latest;
        private int _checkpoints;
        private AuditProblem? _problem;
        private AuditProblem? _gap;
        private long _gapIndex = -1;
        private bool _trustedSeen;

        public long Line { get; private set; }

        public long Expected { get; private set; }

        public bool Stopped => _problem is not null;

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

            if (_header is not null && _header.TreeSize > Expected)
            {
                return Fail(new AuditProblem("log.truncated", $"Entry {N(Expected)} is missing: the header promises {N(_header.TreeSize)} entries but the export ends after {N(Expected)}.", Expected, Line));
            }

            if (trusted is not null && !_trustedSeen)
            {
                return Fail(trusted.TreeSize > Expected
                    ? new AuditProblem("log.truncated", $"Entry {N(Expected)} is missing: the trusted checkpoint covers {N(trusted.TreeSize)} entries but the export ends after {N(Expected)}.", Expected, Line)
                    : new AuditProblem("checkpoint.mismatch", "The export does not reach the trusted checkpoint's size.", null, Line));
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
            }
            else if (parsed.Line?.Checkpoint is { } checkpoint)
            {
                OnCheckpoint(checkpoint);
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
            Expected++;
            if (trusted is not null && _frontier.Size == trusted.TreeSize)
            {
                _trustedSeen = true;
                if (!CryptographicOperations.FixedTimeEquals(_frontier.Root(), trusted.RootHash))
                {
                    var from = _latest is { } l && l.TreeSize <= trusted.TreeSize ? l.TreeSize : 0;
                    _problem = new AuditProblem("checkpoint.mismatch", $"Entries {N(from)} to {N(trusted.TreeSize - 1)} do not match the trusted checkpoint: the first altered, reordered or missing entry is among them.", from, Line);
                }
            }
        }

        private void OnCheckpoint(Checkpoint checkpoint)
        {
            var size = N(checkpoint.TreeSize);
            if (!key.Verify(checkpoint))
            {
                var why = checkpoint.KeyId == key.KeyId ? "its signature does not verify" : $"it names key {checkpoint.KeyId}, not {key.KeyId}";
                _problem = new AuditProblem("checkpoint.forged", $"The checkpoint at size {size} (line {N(Line)}) is forged or altered: {why}.", Math.Min(checkpoint.TreeSize, Expected), Line);
                return;
            }

            if (_latest is not null && checkpoint.Origin != _latest.Origin)
            {
                _problem = new AuditProblem("checkpoint.forged", $"The checkpoint at size {size} belongs to log '{checkpoint.Origin}', not '{_latest.Origin}'.", null, Line);
                return;
            }

            if (checkpoint.TreeSize != Expected)
            {
                _problem = checkpoint.TreeSize > Expected
                    ? new AuditProblem("entry.missing", $"Entry {N(Expected)} is missing: the checkpoint at size {size} follows entry {N(Expected - 1)}.", Expected, Line)
                    : new AuditProblem("checkpoint.misplaced", $"The checkpoint at size {size} appears after entry {N(Expected - 1)}: checkpoints are reordered.", checkpoint.TreeSize, Line);
                return;
            }

            if (!CryptographicOperations.FixedTimeEquals(_frontier.Root(), checkpoint.RootHash))
            {
                var from = _latest?.TreeSize ?? 0;
                _problem = new AuditProblem("checkpoint.mismatch", $"Entries {N(from)} to {N(checkpoint.TreeSize - 1)} do not match the checkpoint signed at size {size}: the first altered, reordered or missing entry is among them.", from, Line);
                return;
            }

            _latest = checkpoint;
            _checkpoints++;
        }

        private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One line's independent work: parsed, and for an entry its canonical leaf recomputed.</summary>
    private readonly record struct ParsedLine(bool Empty, bool IsEntry, long Index, AuditExportLine? Line, string? Error, byte[] Leaf, byte[] RecordedLeaf, string? EncodeError)
    {
        public static ParsedLine Parse(ReadOnlySpan<byte> text, ArrayBufferWriter<byte> canonical)
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
                return new ParsedLine(false, false, -1, line, null, [], [], null);
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
