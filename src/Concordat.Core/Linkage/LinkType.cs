namespace Concordat.Core.Linkage;

/// <summary>Which record pairs a linkage compares.</summary>
public enum LinkType
{
    /// <summary>Pairs within one input (deduplication); with several inputs they are read as one.</summary>
    Dedupe,

    /// <summary>Only pairs whose records come from different inputs.</summary>
    Link,

    /// <summary>Every pair, within and across inputs.</summary>
    LinkAndDedupe,
}
