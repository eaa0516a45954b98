using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;

namespace Concordat.Core.Tests.Linkage;

/// <summary>Settings and in-memory CSV inputs for linkage tests.</summary>
internal static class LinkageTestData
{
    public static IRecordSource Csv(string text, string encoding = "utf-8") =>
        new CsvRecordSource(new MemoryStream(Encoding.UTF8.GetBytes(text)), new SourceOptions { Encoding = encoding });

    public static LinkageData Load(LinkageSettings settings, params string[] csv) => TryLoad(settings, null, csv).Value;

    public static Result<LinkageData> TryLoad(LinkageSettings settings, string? truth, params string[] csv)
    {
        var sources = csv.Select(c => Csv(c)).ToList();
        try
        {
            return LinkageData.Load(settings, sources, truth);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }
    }

    public static ComparisonSettings Comparison(string column, params ComparisonLevelSettings[] levels) =>
        new() { Column = column, Levels = levels };

    public static ComparisonLevelSettings Level(ComparisonLevelKind kind, double? threshold = null, int? maxDistance = null, int? days = null, int? years = null, bool tf = false) =>
        new() { Type = kind, Threshold = threshold, MaxDistance = maxDistance, Days = days, Years = years, Tf = tf };

    /// <summary>The example settings shipped in docs/linkage, read from the repository.</summary>
    public static LinkageSettings PeopleSettings()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Concordat.slnx")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory!.FullName, "docs", "linkage", "people.settings.json");
        return LinkageSettingsJson.Read(File.ReadAllText(path)).Value;
    }
}
