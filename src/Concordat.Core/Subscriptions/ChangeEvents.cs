namespace Concordat.Core.Subscriptions;

/// <summary>The kinds of change a subscription can ask to be told about.</summary>
public static class ChangeEvents
{
    /// <summary>A record got a new version (e.g. a change of address).</summary>
    public const string Changed = "changed";

    /// <summary>A record was deleted (tombstoned) by a full refresh (e.g. a death or a closed claim).</summary>
    public const string Deleted = "deleted";

    /// <summary>True for a known event name.</summary>
    public static bool IsKnown(string? name) => name is Changed or Deleted;
}
