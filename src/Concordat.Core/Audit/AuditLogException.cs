namespace Concordat.Core.Audit;

/// <summary>
/// The audit log could not record an entry or sign a checkpoint, or it found itself altered. Not an expected
/// failure: the request that needed the entry must fail.
/// </summary>
public sealed class AuditLogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditLogException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AuditLogException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AuditLogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
