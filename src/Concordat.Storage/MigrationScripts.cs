using System.Globalization;
using System.Reflection;

namespace Concordat.Storage;

/// <summary>The SQL migrations of one dialect, embedded in this assembly as <c>Migrations/DIALECT/NNNN_name.sql</c>.</summary>
internal static class MigrationScripts
{
    /// <summary>Every migration of the dialect, in version order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Load(string dialect)
    {
        var prefix = $"Concordat.Storage.Migrations.{dialect}.";
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, name, reader.ReadToEnd()));
        }

        return scripts;
    }
}
