using System.Data.Common;
using Concordat.Core;
using Concordat.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>The one place that turns expected failures into CLI messages and exit codes.</summary>
internal static class CliOutput
{
    public static int Fail(IReadOnlyList<Error> errors)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"error: {error.Message}");
        }

        return errors.Count == 0 ? ExitCodes.Failed : errors[0].Kind switch
        {
            ErrorKind.NotFound => ExitCodes.NotFound,
            ErrorKind.Forbidden => ExitCodes.Forbidden,
            ErrorKind.Conflict => ExitCodes.Conflict,
            ErrorKind.Unavailable => ExitCodes.Failed,
            _ => ExitCodes.Invalid,
        };
    }

    public static int Fail(Error error) => Fail([error]);

    public static int Invalid(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.Invalid;
    }

    /// <summary>
    /// The one place that turns an exception no command returned as a value into one line and an exit code: the
    /// hub's database busy (75) or unusable (74), a bad setting (2), a file or another database error (1),
    /// cancellation (130), and anything else as an internal error (70), whose stack trace is printed only when
    /// CONCORDAT_DEBUG is set.
    /// </summary>
    public static int Unexpected(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is SqliteException sqlite && SqliteErrors.IsEnvironmental(sqlite))
        {
            exception = SqliteErrors.Translate(sqlite);
        }

        var (message, code) = exception switch
        {
            StoreUnavailableException { Failure: StoreFailure.Busy } => (exception.Message, ExitCodes.StoreBusy),
            StoreUnavailableException => (exception.Message, ExitCodes.StoreUnavailable),
            CliInputException => (exception.Message, ExitCodes.Invalid),
            OperationCanceledException => ("cancelled; nothing more was done.", ExitCodes.Cancelled),
            IOException or UnauthorizedAccessException or DbException => (FirstLine(exception.Message), ExitCodes.Failed),
            _ => ($"internal error ({exception.GetType().Name}: {FirstLine(exception.Message)}); set CONCORDAT_DEBUG=1 to print the details.", ExitCodes.Internal),
        };
        Console.Error.WriteLine($"error: {message}");
        if (code == ExitCodes.Internal && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CONCORDAT_DEBUG")))
        {
            Console.Error.WriteLine(exception);
        }

        return code;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    public static void Done(string message) => AnsiConsole.MarkupLine($"[green]{Markup.Escape(message)}[/]");
}
