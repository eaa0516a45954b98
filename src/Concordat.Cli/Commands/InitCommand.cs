using System.CommandLine;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat init</c>: creates the data directory and database, applying migrations.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "Create the hub's data directory and database, or migrate the store (safe to run again).");
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var database = context.Database;
            var problems = await database.CheckIntegrityAsync(ct);
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"error: the database {database.Display} is corrupt: {problems[0]}");
                return ExitCodes.Failed;
            }

            CliOutput.Done($"Hub database ready at {database.Display}");
            return ExitCodes.Success;
        });
        return command;
    }
}
