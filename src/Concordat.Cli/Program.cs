using System.CommandLine;
using Concordat.Cli.Commands;

namespace Concordat.Cli;

/// <summary>The <c>concordat</c> command line.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = BuildRoot();
        try
        {
            return await root.Parse(args).InvokeAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
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
