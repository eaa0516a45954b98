using System.Collections.Frozen;

namespace Concordat.Core.Governance;

/// <summary>
/// One dataset an agreement covers: the exact fields shared (with their transforms) and the row filters every shared
/// record must meet. Immutable and thread safe; field look-up by name is a hash probe, for the policy engine's budget.
/// </summary>
public sealed class AgreementDataset
{
    private readonly FrozenDictionary<string, int> _positions;

    /// <summary>Creates the dataset scope; field names must be unique.</summary>
    public AgreementDataset(string datasetId, IReadOnlyList<AgreementField> fields, IReadOnlyList<RowFilter>? rowFilters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetId);
        ArgumentNullException.ThrowIfNull(fields);
        DatasetId = datasetId;
        Fields = fields;
        RowFilters = rowFilters ?? [];
        var positions = new Dictionary<string, int>(fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            if (!positions.TryAdd(fields[i].Name, i))
            {
                throw new ArgumentException($"Field '{fields[i].Name}' is named twice.", nameof(fields));
            }
        }

        _positions = positions.ToFrozenDictionary(StringComparer.Ordinal);
        Permitted = Array.AsReadOnly(fields.Select(f => new PermittedField(f.Name, f.Transform, f.Groupable)).ToArray());
    }

    /// <summary>The dataset id.</summary>
    public string DatasetId { get; }

    /// <summary>The shared fields in agreement order.</summary>
    public IReadOnlyList<AgreementField> Fields { get; }

    /// <summary>Conditions every shared record must meet, combined with AND; empty when all records are in scope.</summary>
    public IReadOnlyList<RowFilter> RowFilters { get; }

    /// <summary>The shared fields as permitted fields, built once so a decision does not allocate one per field.</summary>
    internal System.Collections.ObjectModel.ReadOnlyCollection<PermittedField> Permitted { get; }

    /// <summary>The position of a shared field in <see cref="Fields"/>, or -1 when the agreement does not share it.</summary>
    public int IndexOf(string fieldName) => _positions.TryGetValue(fieldName, out var index) ? index : -1;
}
