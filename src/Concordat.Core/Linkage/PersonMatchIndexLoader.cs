using System.Text.Json;
using Concordat.Core.Ingestion;

namespace Concordat.Core.Linkage;

/// <summary>
/// Builds a <see cref="PersonMatchIndex"/> from the hub's stores and keeps it in step with them: every record linked
/// to a person, read at its current version. Stateless; safe to call from many threads.
/// </summary>
public static class PersonMatchIndexLoader
{
    private const int Page = 1000;

    /// <summary>Reads every linked record's current version and builds the index.</summary>
    public static async Task<Result<PersonMatchIndex>> LoadAsync(LinkageSettings settings, LinkageModel model, IPersonStore persons, IRecordStore recordStore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(recordStore);
        var links = await persons.GetLinksAsync(cancellationToken);
        var records = new List<HubRecord>(links.Count);
        foreach (var datasetId in links.Keys.Select(r => r.DatasetId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string? after = null;
            while (true)
            {
                var page = await recordStore.ListRecordsAsync(datasetId, after, Page, cancellationToken);
                records.AddRange(page.Where(v => !v.IsDeleted).Select(v => ToRecord(datasetId, v)).Where(r => links.ContainsKey(r.Ref)));
                if (page.Count < Page)
                {
                    break;
                }

                after = page[^1].Key;
            }
        }

        return PersonMatchIndex.Build(settings, model, records, links);
    }

    /// <summary>
    /// Brings <paramref name="index"/> in step with the stores after ingests and resolutions have committed: records
    /// newly linked are added, moved ones follow their person, unlinked or deleted ones leave, and records whose
    /// current version differs from the one held are replaced. Reads every linked record's current version once, so
    /// it costs about as much as a load but leaves the index serving throughout. Returns how many records changed.
    /// </summary>
    public static async Task<int> RefreshAsync(PersonMatchIndex index, IPersonStore persons, IRecordStore recordStore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(recordStore);
        var links = await persons.GetLinksAsync(cancellationToken);
        var held = index.Snapshot();
        var changed = 0;
        foreach (var reference in held.Keys.Where(r => !links.ContainsKey(r)))
        {
            changed += index.Remove(reference) ? 1 : 0;
        }

        foreach (var datasetId in links.Keys.Select(r => r.DatasetId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string? after = null;
            while (true)
            {
                var page = await recordStore.ListRecordsAsync(datasetId, after, Page, cancellationToken);
                foreach (var version in page)
                {
                    var reference = new RecordRef(datasetId, version.Key);
                    var known = held.TryGetValue(reference, out var was);
                    if (version.IsDeleted || !links.TryGetValue(reference, out var personId))
                    {
                        changed += known && index.Remove(reference) ? 1 : 0;
                    }
                    else if (!known || was.RecordedAt != version.RecordedAt || was.PersonId != personId)
                    {
                        index.Upsert(ToRecord(datasetId, version), personId);
                        changed++;
                    }
                }

                if (page.Count < Page)
                {
                    break;
                }

                after = page[^1].Key;
            }
        }

        return changed;
    }

    private static HubRecord ToRecord(string datasetId, RecordVersion version)
    {
        using var document = JsonDocument.Parse(version.PayloadJson);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            };
        }

        return new HubRecord(new RecordRef(datasetId, version.Key), version.RecordedAt, fields);
    }
}
