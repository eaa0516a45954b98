using System.Globalization;
using System.Text;

namespace Concordat.Core.Federation;

/// <summary>
/// A transparency-log trust policy in the C2SP tlog-policy format (c2sp.org/tlog-policy): the logs, the witnesses,
/// groups of witnesses with thresholds, and the quorum a checkpoint's cosignatures must meet. Parsed strictly: an
/// unknown keyword, a name used before it is defined, a duplicate key, a bad threshold or anything but exactly one
/// quorum line is refused. Immutable and thread safe.
/// </summary>
public sealed class WitnessPolicy
{
    /// <summary>The name that requires no cosignature (<c>quorum none</c>).</summary>
    public const string None = "none";

    /// <summary>Most logs, witnesses or groups one policy may define; the specification recommends supporting 32.</summary>
    public const int MaxEntries = 256;

    private readonly Dictionary<string, WitnessPolicyGroup> _groups;

    private WitnessPolicy(string text, IReadOnlyList<WitnessPolicyLog> logs, IReadOnlyList<WitnessPolicyWitness> witnesses, Dictionary<string, WitnessPolicyGroup> groups, string quorum)
    {
        Text = text;
        Logs = logs;
        Witnesses = witnesses;
        _groups = groups;
        Quorum = quorum;
    }

    /// <summary>The policy text exactly as parsed.</summary>
    public string Text { get; }

    /// <summary>The logs the policy accepts.</summary>
    public IReadOnlyList<WitnessPolicyLog> Logs { get; }

    /// <summary>The witnesses, in definition order.</summary>
    public IReadOnlyList<WitnessPolicyWitness> Witnesses { get; }

    /// <summary>The groups, in definition order.</summary>
    public IReadOnlyCollection<WitnessPolicyGroup> Groups => _groups.Values;

    /// <summary>The name of the witness or group that makes the quorum, or <see cref="None"/>.</summary>
    public string Quorum { get; }

    /// <summary>The policy that needs no witness: <c>quorum none</c>.</summary>
    public static WitnessPolicy NoWitnesses { get; } = Parse("quorum none\n").Value;

    /// <summary>Parses a policy file's text.</summary>
    public static Result<WitnessPolicy> Parse(string? text)
    {
        if (text is null)
        {
            return Problem(0, "The witness policy is missing.");
        }

        var logs = new List<WitnessPolicyLog>();
        var witnesses = new List<WitnessPolicyWitness>();
        var groups = new Dictionary<string, WitnessPolicyGroup>(StringComparer.Ordinal);
        var memberNames = new HashSet<string>(StringComparer.Ordinal);
        string? quorum = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            if (line.Any(c => (c < 0x20 && c != '\t') || c == 0x7F))
            {
                return Problem(number, "Only tab and newline may appear as control characters.");
            }

            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            switch (words[0])
            {
                case "log":
                {
                    if (words.Length is < 2 or > 3)
                    {
                        return Problem(number, "A log line is: log <vkey> [<url>].");
                    }

                    var key = NoteVerifierKey.Parse(words[1]);
                    if (!key.IsSuccess)
                    {
                        return Problem(number, key.Errors[0].Message);
                    }

                    if (key.Value.SignatureType is not (NoteVerifierKey.Ed25519Type or NoteVerifierKey.EcdsaType))
                    {
                        return Problem(number, "A log's key signs checkpoints: signature type 0x01 (Ed25519) or 0x02 (ECDSA).");
                    }

                    if (logs.Any(l => l.Key.SamePublicKey(key.Value)))
                    {
                        return Problem(number, "The same log key is listed twice.");
                    }

                    logs.Add(new WitnessPolicyLog(key.Value, words.Length == 3 ? words[2] : null));
                    break;
                }

                case "witness":
                {
                    if (words.Length is < 3 or > 4)
                    {
                        return Problem(number, "A witness line is: witness <name> <vkey> [<url>].");
                    }

                    if (Defined(words[1], witnesses, groups) || words[1] == None)
                    {
                        return Problem(number, $"The name '{words[1]}' is already defined or reserved.");
                    }

                    var key = NoteVerifierKey.Parse(words[2]);
                    if (!key.IsSuccess)
                    {
                        return Problem(number, key.Errors[0].Message);
                    }

                    if (key.Value.SignatureType != NoteVerifierKey.CosignatureV1Type)
                    {
                        return Problem(number, "A witness's key makes cosignatures: signature type 0x04 (cosignature/v1).");
                    }

                    if (witnesses.Any(w => w.Key.SamePublicKey(key.Value)))
                    {
                        return Problem(number, "The same witness key is listed twice.");
                    }

                    witnesses.Add(new WitnessPolicyWitness(words[1], key.Value, words.Length == 4 ? words[3] : null));
                    break;
                }

                case "group":
                {
                    if (words.Length < 4)
                    {
                        return Problem(number, "A group line is: group <name> all|any|<k> <name>...");
                    }

                    var name = words[1];
                    if (Defined(name, witnesses, groups) || name == None)
                    {
                        return Problem(number, $"The name '{name}' is already defined or reserved.");
                    }

                    var members = words[3..];
                    foreach (var member in members)
                    {
                        if (member == None || !Defined(member, witnesses, groups))
                        {
                            return Problem(number, $"The group member '{member}' is not a witness or group defined on an earlier line.");
                        }

                        if (!memberNames.Add(member))
                        {
                            return Problem(number, $"'{member}' is already a member of a group; a name may be listed as a member once.");
                        }
                    }

                    int threshold;
                    if (words[2] == "all")
                    {
                        threshold = members.Length;
                    }
                    else if (words[2] == "any")
                    {
                        threshold = 1;
                    }
                    else if (!words[2].All(char.IsAsciiDigit) || !int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out threshold)
                        || threshold < 1 || threshold > members.Length)
                    {
                        return Problem(number, $"The group's threshold must be all, any or a decimal number from 1 to {members.Length}.");
                    }

                    groups.Add(name, new WitnessPolicyGroup(name, threshold, members));
                    break;
                }

                case "quorum":
                    if (words.Length != 2)
                    {
                        return Problem(number, "A quorum line is: quorum <name>.");
                    }

                    if (quorum is not null)
                    {
                        return Problem(number, "A policy has exactly one quorum line.");
                    }

                    if (words[1] != None && !Defined(words[1], witnesses, groups))
                    {
                        return Problem(number, $"The quorum '{words[1]}' is not a witness or group defined on an earlier line.");
                    }

                    quorum = words[1];
                    break;
                default:
                    return Problem(number, $"Unknown keyword '{words[0]}'; a line is log, witness, group, quorum or a # comment.");
            }

            if (logs.Count > MaxEntries || witnesses.Count > MaxEntries || groups.Count > MaxEntries)
            {
                return Problem(number, $"The policy defines more than {MaxEntries} logs, witnesses or groups.");
            }
        }

        return quorum is null ? Problem(lines.Length, "The policy has no quorum line.") : new WitnessPolicy(text, logs, witnesses, groups, quorum);
    }

    /// <summary>Whether cosignatures by the named witnesses satisfy the quorum.</summary>
    public bool IsSatisfiedBy(IReadOnlySet<string> cosignedWitnesses)
    {
        ArgumentNullException.ThrowIfNull(cosignedWitnesses);
        return Quorum == None || Witnessed(Quorum, cosignedWitnesses);
    }

    private bool Witnessed(string name, IReadOnlySet<string> cosigned) =>
        _groups.TryGetValue(name, out var group)
            ? group.Members.Count(member => Witnessed(member, cosigned)) >= group.Threshold
            : cosigned.Contains(name);

    private static bool Defined(string name, List<WitnessPolicyWitness> witnesses, Dictionary<string, WitnessPolicyGroup> groups) =>
        groups.ContainsKey(name) || witnesses.Any(w => string.Equals(w.Name, name, StringComparison.Ordinal));

    private static Result<WitnessPolicy> Problem(int line, string message) =>
        Error.Validation("witness_policy.invalid", line > 0 ? $"Witness policy line {line}: {message}" : message, line > 0 ? $"line {line}" : null);
}
