using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;

namespace Concordat.Server.Api.Sources;

/// <summary>A registered source of a dataset and its mapping.</summary>
/// <param name="DatasetId">The dataset it feeds.</param>
/// <param name="Name">Source name.</param>
/// <param name="UpdatedAt">When the mapping last changed (UTC).</param>
/// <param name="Mapping">How the source is read and mapped.</param>
public sealed record SourceResponse(string DatasetId, string Name, DateTimeOffset UpdatedAt, IngestMapping Mapping)
{
    /// <summary>Projects a stored source.</summary>
    public static SourceResponse From(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(source.DatasetId, source.Name, source.UpdatedAt, source.Mapping);
    }
}
