using Concordat.Core;
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

    public static void Done(string message) => AnsiConsole.MarkupLine($"[green]{Markup.Escape(message)}[/]");
}
