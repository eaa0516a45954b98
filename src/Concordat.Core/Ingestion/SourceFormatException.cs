using System.Data.Common;

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

    /// <summary>
    /// True for failures of the environment a source lives in rather than of its content: a database that refuses
    /// the connection, the password or the query, a dropped connection, a timeout, an I/O error.
    /// </summary>
    internal static bool IsEnvironmental(Exception exception) =>
        exception is DbException or IOException or TimeoutException;

    /// <summary>
    /// The first line of an exception's message, with the first line of its cause when that adds something
    /// (e.g. <c>Failed to connect to 127.0.0.1:5399 (Connection refused)</c>). Provider messages name the host,
    /// user and object but never the password.
    /// </summary>
    internal static string OneLine(Exception exception)
    {
        static string First(string text) => text.Split('\n', 2)[0].Trim();
        var message = First(exception.Message);
        if (exception.InnerException is { } inner && First(inner.Message) is { Length: > 0 } cause && !message.Contains(cause, StringComparison.Ordinal))
        {
            message += $" ({cause})";
        }

        return message;
    }
}
