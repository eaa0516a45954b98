namespace Concordat.Core.Linkage;

/// <summary>A record in the hub: its dataset and record key.</summary>
/// <param name="DatasetId">The dataset id.</param>
/// <param name="RecordKey">The record key within the dataset.</param>
public readonly record struct RecordRef(string DatasetId, string RecordKey) : IComparable<RecordRef>
{
    /// <summary>Orders by dataset, then key, ordinally.</summary>
    public int CompareTo(RecordRef other)
    {
        var byDataset = string.CompareOrdinal(DatasetId, other.DatasetId);
        return byDataset != 0 ? byDataset : string.CompareOrdinal(RecordKey, other.RecordKey);
    }

    /// <summary><c>dataset/key</c>.</summary>
    public override string ToString() => DatasetId + "/" + RecordKey;

    /// <summary>Less than.</summary>
    public static bool operator <(RecordRef left, RecordRef right) => left.CompareTo(right) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(RecordRef left, RecordRef right) => left.CompareTo(right) > 0;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(RecordRef left, RecordRef right) => left.CompareTo(right) <= 0;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(RecordRef left, RecordRef right) => left.CompareTo(right) >= 0;
}
