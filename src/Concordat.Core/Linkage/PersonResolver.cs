using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Linkage;

/// <summary>
/// Resolves hub records into persons with stable ids: scores pairs with a trained model, joins those above the
/// threshold (and every pair a steward accepted, never one a steward rejected), keeps each person's id while any of
/// its records stays with it, builds golden records and queues the uncertain pairs for review. Pure; thread safe.
/// </summary>
public static class PersonResolver
{
    /// <summary>Resolves <paramref name="records"/>; see the type remarks.</summary>
    public static Result<PersonResolution> Resolve(
        LinkageSettings settings,
        LinkageModel model,
        IReadOnlyList<HubRecord> records,
        IReadOnlyDictionary<RecordRef, string> existingLinks,
        IReadOnlyList<ReviewItem> decisions,
        ResolveOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(existingLinks);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Threshold is > 0 and < 1) || !(options.ReviewFrom is > 0 and < 1) || options.ReviewFrom > options.Threshold)
        {
            return Error.Validation("linkage.thresholds_invalid", "Thresholds are probabilities strictly between 0 and 1, the review band below the link threshold.");
        }

        if (options.MaxReviewItems < 0)
        {
            return Error.Validation("linkage.max_review_invalid", "The review queue's cap is 0 or more pairs (or none, to queue every pair in the band).");
        }

        // One input per dataset, so link types work across datasets; rows follow this order.
        var byDataset = records.GroupBy(r => r.Ref.DatasetId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var ordered = byDataset.SelectMany(g => g.OrderBy(r => r.Ref)).ToList();
        var columns = settings.Columns.Select(c => c.Name).ToList();
        var sources = byDataset.Select(g => (Ingestion.IRecordSource)new HubRecordSource([.. g.OrderBy(r => r.Ref)], columns, settings.UniqueIdColumn)).ToList();
        var effective = byDataset.Count < 2 && settings.LinkType != LinkType.Dedupe ? settings with { LinkType = LinkType.Dedupe } : settings;
        var loaded = LinkageData.Load(effective, sources, null, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return Result<PersonResolution>.Failure(loaded.Errors);
        }

        var data = loaded.Value;
        var rowOf = new Dictionary<RecordRef, int>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            rowOf[ordered[i].Ref] = i;
        }

        var isNew = ordered.Select(r => !existingLinks.ContainsKey(r.Ref)).ToArray();
        var engine = new LinkageEngine(effective);
        var predicted = engine.Predict(data, model, new PredictOptions { KeepFrom = options.ReviewFrom, Involving = options.Incremental ? isNew : null }, cancellationToken);
        if (!predicted.IsSuccess)
        {
            return Result<PersonResolution>.Failure(predicted.Errors);
        }

        using var pairs = predicted.Value;
        var decided = new Dictionary<(RecordRef, RecordRef), ReviewStatus>();
        foreach (var decision in decisions.Where(d => d.Status != ReviewStatus.Pending))
        {
            decided[Key(decision.Left, decision.Right)] = decision.Status;
        }

        var parent = Enumerable.Range(0, ordered.Count).ToArray();
        if (options.Incremental)
        {
            // Existing persons stay whole: their records start joined.
            var firstOfPerson = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < ordered.Count; i++)
            {
                if (existingLinks.TryGetValue(ordered[i].Ref, out var person))
                {
                    if (firstOfPerson.TryGetValue(person, out var first))
                    {
                        Union(parent, first, i);
                    }
                    else
                    {
                        firstOfPerson[person] = i;
                    }
                }
            }
        }

        var threshold = ScoredPairs.WeightOf(options.Threshold);
        var reviewFrom = ScoredPairs.WeightOf(options.ReviewFrom);
        var uncertain = new List<int>();
        for (var p = 0; p < pairs.Count; p++)
        {
            var weight = pairs.Weight(p);
            if (weight < reviewFrom)
            {
                continue;
            }

            var key = Key(ordered[pairs.Left(p)].Ref, ordered[pairs.Right(p)].Ref);
            if (decided.TryGetValue(key, out var status))
            {
                continue;
            }

            if (weight >= threshold)
            {
                Union(parent, pairs.Left(p), pairs.Right(p));
            }
            else
            {
                uncertain.Add(p);
            }
        }

        foreach (var ((left, right), status) in decided)
        {
            if (status == ReviewStatus.Accepted && rowOf.TryGetValue(left, out var a) && rowOf.TryGetValue(right, out var b))
            {
                Union(parent, a, b);
            }
        }

        var clusters = new Dictionary<int, List<int>>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var root = Find(parent, i);
            if (!clusters.TryGetValue(root, out var members))
            {
                clusters[root] = members = [];
            }

            members.Add(i);
        }

        var persons = new List<Person>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var newPersons = 0;
        foreach (var members in clusters.Values.OrderByDescending(m => m.Count).ThenBy(m => ordered[m[0]].Ref))
        {
            if (options.Incremental && !members.Any(i => isNew[i]))
            {
                continue;
            }

            var claimed = members
                .Select(i => existingLinks.GetValueOrDefault(ordered[i].Ref))
                .OfType<string>()
                .GroupBy(id => id, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .FirstOrDefault(id => !taken.Contains(id));
            if (claimed is null)
            {
                claimed = NewId(ordered[members[0]].Ref, taken);
                newPersons++;
            }

            taken.Add(claimed);
            persons.Add(Golden(claimed, [.. members.Select(i => ordered[i])], effective));
        }

        var queue = uncertain
            .OrderBy(p => Math.Abs(pairs.Weight(p)))
            .Take(options.MaxReviewItems ?? int.MaxValue)
            .Select(p =>
            {
                var (left, right) = (pairs.Left(p), pairs.Right(p));
                var (l, r) = Key(ordered[left].Ref, ordered[right].Ref);
                return new ReviewItem
                {
                    Left = l,
                    Right = r,
                    MatchWeight = pairs.Weight(p),
                    MatchProbability = pairs.Probability(p),
                    Explanation = engine.Explain(data, model, left, right),
                };
            })
            .ToList();

        return new PersonResolution
        {
            Persons = persons,
            ReviewQueue = queue,
            ReviewPairsInBand = uncertain.Count,
            NewPersons = newPersons,
            NewlyLinkedRecords = isNew.Count(n => n),
            PairsScored = pairs.Count,
            Settings = settings,
        };
    }

    /// <summary>Builds a person's golden record from its records by the settings' survivorship rules.</summary>
    public static Person Golden(string personId, IReadOnlyList<HubRecord> records, LinkageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(settings);
        var golden = settings.GoldenRecord ?? new GoldenRecordSettings();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var chosenFrom = new Dictionary<string, RecordRef>(StringComparer.Ordinal);
        var recentFirst = records.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Ref).ToList();
        foreach (var field in settings.Columns.Select(c => c.Name))
        {
            var strategy = golden.Rules.FirstOrDefault(r => r.Field == field)?.Strategy ?? golden.DefaultStrategy;
            var candidates = recentFirst.Where(r => !string.IsNullOrWhiteSpace(r.Fields.GetValueOrDefault(field))).ToList();
            if (candidates.Count == 0)
            {
                values[field] = null;
                continue;
            }

            var chosen = strategy switch
            {
                SurvivorshipStrategy.MostTrusted => candidates.OrderBy(r => Trust(golden, r.Ref.DatasetId)).First(),
                SurvivorshipStrategy.MostComplete => candidates.OrderByDescending(r => r.Fields.Count(f => !string.IsNullOrWhiteSpace(f.Value))).First(),
                SurvivorshipStrategy.MostCommon => candidates
                    .GroupBy(r => r.Fields[field]!.Trim(), StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count())
                    .First()
                    .First(),
                _ => candidates[0],
            };
            values[field] = chosen.Fields[field];
            chosenFrom[field] = chosen.Ref;
        }

        return new Person
        {
            PersonId = personId,
            Records = [.. records.Select(r => r.Ref).Order()],
            Golden = values,
            GoldenSources = chosenFrom,
        };
    }

    private static int Trust(GoldenRecordSettings golden, string datasetId)
    {
        for (var i = 0; i < golden.SourcePriority.Count; i++)
        {
            if (string.Equals(golden.SourcePriority[i], datasetId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    // A new person's id derives from its smallest record, so re-running on the same data gives the same ids.
    private static string NewId(RecordRef first, HashSet<string> taken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(first.DatasetId + "\0" + first.RecordKey)));
        var id = "prs_" + hash[..16];
        for (var n = 2; taken.Contains(id); n++)
        {
            id = "prs_" + hash[..16] + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return id;
    }

    private static (RecordRef, RecordRef) Key(RecordRef a, RecordRef b) => a <= b ? (a, b) : (b, a);

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            // The smaller root wins, so the result does not depend on the order of unions.
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
