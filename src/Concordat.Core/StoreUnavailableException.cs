namespace Concordat.Core;

/// <summary>
/// The environment stopped a store (locked, read-only, disk full, I/O error), as opposed to a bug or bad input. Stores
/// translate their own errors into it at their boundary, with a one-line message an operator can act on and no
/// secret in it; hosts turn it into a CLI exit code or an HTTP status in one place.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
        : this(StoreFailure.Unavailable, "The store is unavailable.", null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StoreUnavailableException(string message)
        : this(StoreFailure.Unavailable, message, null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : this(StoreFailure.Unavailable, message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="failure">What kind of failure it was.</param>
    /// <param name="message">One line saying what happened and what to do.</param>
    /// <param name="innerException">The store's own error.</param>
    public StoreUnavailableException(StoreFailure failure, string message, Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What kind of failure it was.</summary>
    public StoreFailure Failure { get; }
}
