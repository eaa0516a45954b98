using System.CommandLine;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Quality;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat catalogue export</c>: the catalogue as DCAT JSON-LD.</summary>
internal static class CatalogueCommand
{
    public static Command Create()
    {
        var baseUrl = new Option<Uri>("--base-url") { Description = "The hub's public address, used in identifiers.", DefaultValueFactory = _ => new Uri("http://localhost:5080") };
        var export = new Command("export", "Print the catalogue as DCAT (JSON-LD).") { baseUrl };
        export.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var datasets = await context.Catalogue.ListDatasetsAsync(null, ct);
            var document = DcatCatalogue.Build(
                await context.Catalogue.ListOrganisationsAsync(ct),
                datasets,
                parse.GetValue(baseUrl)!,
                "Concordat data catalogue",
                await DcatCatalogue.DataChangesAsync(context.Ingest, datasets, ct));
            QualityMetadata.AddToDcat(document, await context.QualityStore.LatestProfilesAsync(ct), parse.GetValue(baseUrl)!);
            Console.Out.WriteLine(document.ToJsonString(ConcordatJson.Indented));
            return ExitCodes.Success;
        });
        return new Command("catalogue", "The data catalogue.") { export };
    }
}
