using System.CommandLine;
using System.CommandLine.Invocation;

namespace Concordat.Cli.Commands;

/// <summary>
/// Wraps every command's action once, in <see cref="Program.BuildRoot"/>: the contexts a command opens are disposed when
/// it ends (closing database pools), and failures that are the user's or the database's become one line on standard
/// error with a documented exit code instead of a stack trace, whether the CLI runs as a process or in a test.
/// </summary>
internal static class CliActions
{
    public static void Guard(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Action = command.Action switch
        {
            AsynchronousCommandLineAction action => new GuardedAsync(action),
            SynchronousCommandLineAction action => new GuardedSync(action),
            var other => other,
        };
        foreach (var child in command.Subcommands)
        {
            Guard(child);
        }
    }


    private static async Task DisposeAsync(List<CliContext> opened)
    {
        foreach (var context in opened)
        {
            await context.DisposeAsync();
        }
    }

    private sealed class GuardedAsync(AsynchronousCommandLineAction inner) : AsynchronousCommandLineAction
    {
        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
        {
            var opened = CliContext.BeginCommand();
            try
            {
                return await inner.InvokeAsync(parseResult, cancellationToken);
            }
            catch (Exception ex)
            {
                // Every failure a command did not return as a value: one line and an exit code (CliOutput.Unexpected).
                return CliOutput.Unexpected(ex);
            }
            finally
            {
                await DisposeAsync(opened);
            }
        }
    }

    private sealed class GuardedSync(SynchronousCommandLineAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var opened = CliContext.BeginCommand();
            try
            {
                return inner.Invoke(parseResult);
            }
            catch (Exception ex)
            {
                // Every failure a command did not return as a value: one line and an exit code (CliOutput.Unexpected).
                return CliOutput.Unexpected(ex);
            }
            finally
            {
                DisposeAsync(opened).GetAwaiter().GetResult();
            }
        }
    }
}
