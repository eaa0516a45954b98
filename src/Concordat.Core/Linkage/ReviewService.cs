using Concordat.Core.Ingestion;

namespace Concordat.Core.Linkage;

/// <summary>
/// A steward's decisions on the clerical review queue, for the API, the portal and the CLI alike. The decision is
/// stored first (every later resolution respects it); an accepted pair whose records belong to two persons then joins
/// those persons at once, keeping the id held by more records (the smaller id on a tie, as a resolution would) and
/// rebuilding the golden record from the current records with the survivorship rules of the latest resolution.
/// A rejected pair changes no person: its records may still meet through other pairs. Thread safe.
/// </summary>
public sealed class ReviewService
{
    /// <summary>The longest reason kept with a decision.</summary>
    public const int MaxReasonLength = 2000;

    private readonly IPersonStore _persons;
    private readonly IRecordStore _records;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public ReviewService(IPersonStore persons, IRecordStore records, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(time);
        _persons = persons;
        _records = records;
        _time = time;
    }

    /// <summary>
    /// Accepts (same person) or rejects (different people) a pending pair; fails with <c>review.not_found</c>,
    /// <c>review.already_decided</c> or <c>review.reason_too_long</c>, changing nothing.
    /// </summary>
    public async Task<Result<ReviewDecision>> DecideAsync(long id, bool accept, string decidedBy, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is { Length: > MaxReasonLength })
        {
            return Error.Validation("review.reason_too_long", $"reason must be at most {MaxReasonLength} characters.", "reason");
        }

        var now = _time.GetUtcNow();
        var decided = await _persons.DecideAsync(id, accept, decidedBy, trimmed, now, cancellationToken).ConfigureAwait(false);
        if (!decided.IsSuccess)
        {
            return Result<ReviewDecision>.Failure(decided.Errors);
        }

        var item = decided.Value;
        if (!accept)
        {
            return new ReviewDecision(item, null, null);
        }

        var left = await _persons.GetPersonIdAsync(item.Left, cancellationToken).ConfigureAwait(false);
        var right = await _persons.GetPersonIdAsync(item.Right, cancellationToken).ConfigureAwait(false);
        if (left is null || right is null)
        {
            return new ReviewDecision(item, null, null);
        }

        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return new ReviewDecision(item, left, null);
        }

        var settings = await _persons.GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        var first = await _persons.GetPersonAsync(left, cancellationToken).ConfigureAwait(false);
        var second = await _persons.GetPersonAsync(right, cancellationToken).ConfigureAwait(false);
        if (settings is null || first is null || second is null)
        {
            return new ReviewDecision(item, null, null);
        }

        var (survivor, merged) = Survivor(first, second);
        var refs = first.Records.Concat(second.Records).Distinct().Order().ToList();
        var records = new List<HubRecord>(refs.Count);
        foreach (var record in refs)
        {
            var version = await _records.GetRecordAsync(record.DatasetId, record.RecordKey, cancellationToken).ConfigureAwait(false);
            if (version is { IsDeleted: false })
            {
                records.Add(HubRecord.FromPayload(record, version.RecordedAt, version.PayloadJson));
            }
        }

        // The golden record comes from the records that still exist; the person keeps every link it had.
        var person = PersonResolver.Golden(survivor.PersonId, records, settings) with { Records = refs };
        await _persons.SaveAsync(
            new PersonResolution { Persons = [person], ReviewQueue = [], NewPersons = 0, NewlyLinkedRecords = 0, PairsScored = 0 },
            now,
            cancellationToken).ConfigureAwait(false);
        return new ReviewDecision(item, survivor.PersonId, merged.PersonId);
    }

    // The id held by more records survives, the ordinally smaller one on a tie, as a resolution would choose.
    private static (Person Survivor, Person Merged) Survivor(Person a, Person b)
    {
        if (a.Records.Count != b.Records.Count)
        {
            return a.Records.Count > b.Records.Count ? (a, b) : (b, a);
        }

        return string.CompareOrdinal(a.PersonId, b.PersonId) <= 0 ? (a, b) : (b, a);
    }
}
