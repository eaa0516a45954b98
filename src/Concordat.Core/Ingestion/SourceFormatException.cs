namespace Concordat.Core.Ingestion;

/// <summary>The source as a whole cannot be read; the ingest run fails and nothing it read becomes visible.</summary>
public sealed class SourceFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SourceFormatException()
    {
    }

    /// <summary>Creates the exception with a message naming what is wrong and where.</summary>
    public SourceFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SourceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
