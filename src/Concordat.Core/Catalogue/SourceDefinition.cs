using Concordat.Core.Ingestion;

namespace Concordat.Core.Catalogue;

/// <summary>A named legacy source registered on a dataset, with the mapping that turns its rows into records.</summary>
/// <param name="DatasetId">The dataset the source feeds.</param>
/// <param name="Name">Source name, unique per dataset, e.g. <c>paye-monthly</c>.</param>
/// <param name="Mapping">How to read the source and map its columns.</param>
/// <param name="UpdatedAt">When the mapping was last changed (UTC).</param>
public sealed record SourceDefinition(string DatasetId, string Name, IngestMapping Mapping, DateTimeOffset UpdatedAt);
