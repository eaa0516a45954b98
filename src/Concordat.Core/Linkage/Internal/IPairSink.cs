namespace Concordat.Core.Linkage.Internal;

/// <summary>Receives candidate pairs from blocking (left row &lt; right row); one writer at a time.</summary>
internal interface IPairSink
{
    /// <summary>Takes one pair.</summary>
    void Add(int left, int right);
}
