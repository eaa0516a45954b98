namespace Concordat.Core.Linkage;

/// <summary>
/// How far a <see cref="PersonMatchIndex"/> has followed the stores' change feeds: the last person link change and the
/// last committed ingest run it has applied. Both grow in commit order, so catching up reads only what is after them.
/// </summary>
/// <param name="LinkSequence">The last position of the person link feed applied (<see cref="IPersonStore.GetLinkChangesAsync"/>).</param>
/// <param name="RunId">The last committed ingest run whose record versions were applied.</param>
public readonly record struct PersonMatchPosition(long LinkSequence, long RunId);
