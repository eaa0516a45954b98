namespace Concordat.Core.Governance;

/// <summary>Group values compared by ordinal value, for grouping aggregate cells.</summary>
internal sealed class GroupKey : IEquatable<GroupKey>
{
    private readonly int _hash;

    public GroupKey(IReadOnlyList<string?> values)
    {
        Values = values;
        var hash = default(HashCode);
        foreach (var value in values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<string?> Values { get; }

    public static GroupKey Without(IReadOnlyList<string?> values, int skip)
    {
        var rest = new string?[values.Count - 1];
        for (int i = 0, j = 0; i < values.Count; i++)
        {
            if (i != skip)
            {
                rest[j++] = values[i];
            }
        }

        return new GroupKey(rest);
    }

    public bool Equals(GroupKey? other)
    {
        if (other is null || other.Values.Count != Values.Count)
        {
            return false;
        }

        for (var i = 0; i < Values.Count; i++)
        {
            if (!string.Equals(Values[i], other.Values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as GroupKey);

    public override int GetHashCode() => _hash;
}
