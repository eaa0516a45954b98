namespace Concordat.Core.Linkage;

/// <summary>What one catch-up of a <see cref="PersonMatchIndex"/> with the stores' change feeds did.</summary>
/// <param name="RecordsChanged">Records whose values or person changed, or that came or went.</param>
/// <param name="RebuildNeeded">
/// True when the index fell behind what the feed keeps, or more changed than is worth applying one by one
/// (<see cref="PersonMatchIndexLoader.RebuildAbove"/>): build a new index with <see cref="PersonMatchIndexLoader.LoadAsync"/>.
/// </param>
public sealed record PersonMatchCatchUp(int RecordsChanged, bool RebuildNeeded);
