namespace Concordat.Core.Quality.Internal;

/// <summary>A reusable block of parsed rows (values in schema order) handed from the reading thread to the profile partitions.</summary>
internal sealed class RowBatch
{
    public RowBatch(int capacity, int fieldCount)
    {
        Rows = new string?[capacity][];
        for (var i = 0; i < capacity; i++)
        {
            Rows[i] = new string?[fieldCount];
        }

        Keys = new string[capacity];
    }

    public string?[][] Rows { get; }

    public string[] Keys { get; }

    public int Count { get; set; }

    public bool IsFull => Count == Rows.Length;
}
