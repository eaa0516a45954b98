using Concordat.Core.Linkage;

namespace Concordat.Server.Api.Persons;

/// <summary>The candidate persons for one record, likeliest first.</summary>
/// <param name="Candidates">Each person with its best record, the match probability and the waterfall.</param>
/// <param name="PersonsIndexed">Persons the index held when it answered.</param>
public sealed record PersonMatchResponse(IReadOnlyList<PersonCandidate> Candidates, int PersonsIndexed);
