using System.CommandLine;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat init</c>: creates the data directory and database, applying migrations.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "Create the hub's data directory and database (safe to run again).");
        command.SetAction(parse =>
        {
            var context = CliContext.Open(parse);
            var problems = context.Database.CheckIntegrity();
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"error: the database at {context.Database.Path} is corrupt: {problems[0]}");
                return ExitCodes.Failed;
            }

            CliOutput.Done($"Hub database ready at {context.Database.Path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
