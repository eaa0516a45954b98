namespace Concordat.Core;

/// <summary>Why a store could not do its work, as far as the operator can act on it.</summary>
public enum StoreFailure
{
    /// <summary>Another writer held the store's lock for longer than the store waits: try again later.</summary>
    Busy,
    /// <summary>The store may not be written: a read-only file, directory or mount, or missing permissions.</summary>
    ReadOnly,
    /// <summary>The disk holding the store is full.</summary>
    Full,
    /// <summary>The store cannot be opened, read or written (an I/O error, a missing directory, a damaged file).</summary>
    Unavailable,
}
