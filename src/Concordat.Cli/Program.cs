using System.CommandLine;
using Concordat.Cli.Commands;

namespace Concordat.Cli;

/// <summary>The <c>concordat</c> command line.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args);

    /// <summary>
    /// Runs a command line. Failures nobody returned as a value (a locked or read-only database, a full disk, a
    /// bug) end in one line on stderr and a documented exit code, never a stack trace: System.CommandLine's own
    /// handler, which prints one, is off.
    /// </summary>
    internal static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var parse = BuildRoot().Parse(args);
            if (parse.Errors.Count > 0)
            {
                // Usage errors are invalid input (exit 2, as documented), not a failure of the work.
                foreach (var error in parse.Errors)
                {
                    Console.Error.WriteLine($"error: {error.Message} (see --help)");
                }

                return ExitCodes.Invalid;
            }

            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return CliOutput.Unexpected(ex);
        }
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("Concordat: a secure data-sharing hub for government departments.")
        {
            CliContext.DataOption,
            CliContext.StoreOption,
            InitCommand.Create(),
            OrganisationsCommand.Create(),
            DatasetsCommand.Create(),
            ClientsCommand.Create(),
            IngestCommand.Create(),
            RunsCommand.Create(),
            QuarantineCommand.Create(),
            RecordsCommand.Create(),
            CatalogueCommand.Create(),
            AgreementsCommand.Create(),
            AuditCommand.Create(),
            ProfileCommand.Create(),
            QualityCommand.Create(),
            SynthCommand.Create(),
            LinkCommand.Create(),
            PersonsCommand.Create(),
            FederationCommand.Create(),
        };
        CliActions.Guard(root);
        return root;
    }
}
