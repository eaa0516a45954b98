using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Federation;

/// <summary>
/// The JSON text of a <see cref="FederationConfiguration"/>, which is the text of its signed note. Written with a fixed
/// member order and read strictly: every member required, no unknown or repeated member, no comments, instants as
/// RFC 3339 UTC with a <c>Z</c>, the grace period as an ISO 8601 duration. Thread safe.
/// </summary>
public static class FederationConfigurationJson
{
    /// <summary>Longest grace period a configuration may grant.</summary>
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(90);

    /// <summary>Most members one configuration may list.</summary>
    public const int MaxMembers = 1000;

    /// <summary>Most certificates one member may list.</summary>
    public const int MaxCertificatesPerMember = 8;

    /// <summary>Most revoked thumbprints one configuration may list.</summary>
    public const int MaxRevoked = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonDocumentOptions ReaderOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    /// <summary>The JSON text, ending in a newline, ready to be signed as a note's text.</summary>
    public static string Format(FederationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("format", FederationConfiguration.FormatName);
            json.WriteString("federation", configuration.Federation);
            json.WriteNumber("version", configuration.Version);
            json.WriteString("issuedAt", Instant(configuration.IssuedAt));
            json.WriteString("expiresAt", Instant(configuration.ExpiresAt));
            json.WriteString("gracePeriod", XmlConvert.ToString(configuration.GracePeriod));
            json.WriteStartArray("certificateAuthorities");
            foreach (var ca in configuration.CertificateAuthorities)
            {
                json.WriteStringValue(Convert.ToBase64String(ca.Span));
            }

            json.WriteEndArray();
            json.WriteStartArray("members");
            foreach (var member in configuration.Members)
            {
                json.WriteStartObject();
                json.WriteString("organisationId", member.OrganisationId);
                json.WriteString("name", member.Name);
                json.WriteString("nodeUrl", member.NodeUrl.AbsoluteUri);
                json.WriteStartArray("certificates");
                foreach (var thumbprint in member.Certificates)
                {
                    json.WriteStringValue(thumbprint);
                }

                json.WriteEndArray();
                json.WriteStartObject("auditLog");
                json.WriteString("origin", member.AuditLog.Origin);
                json.WriteString("key", member.AuditLog.Key.Encoded);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("revokedCertificates");
            foreach (var thumbprint in configuration.RevokedCertificates)
            {
                json.WriteStringValue(thumbprint);
            }

            json.WriteEndArray();
            json.WriteString("witnessPolicy", configuration.WitnessPolicy.Text);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads and checks a configuration's JSON text.</summary>
    public static Result<FederationConfiguration> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text, ReaderOptions);
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            return Bad($"The configuration is not valid JSON (line {ex.LineNumber + 1}).");
        }
        catch (InvalidConfigurationException ex)
        {
            return Bad(ex.Message);
        }
    }

    /// <summary>Checks a configuration built in memory (by the operator's tools) against the rules <see cref="Parse"/> applies.</summary>
    public static Result<FederationConfiguration> Validate(FederationConfiguration configuration) => Parse(Format(configuration));

    /// <summary>Whether <paramref name="text"/> is a SHA-256 certificate thumbprint in base64url (43 characters, no padding).</summary>
    public static bool IsThumbprint(string? text) =>
        text is { Length: 43 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && System.Buffers.Text.Base64Url.DecodeFromChars(text).Length == 32;

    private static FederationConfiguration Read(JsonElement root)
    {
        var o = Members(root, "The configuration", "format", "federation", "version", "issuedAt", "expiresAt", "gracePeriod", "certificateAuthorities", "members", "revokedCertificates", "witnessPolicy");
        if (String(o["format"], "format") != FederationConfiguration.FormatName)
        {
            throw new InvalidConfigurationException($"The configuration's format is not {FederationConfiguration.FormatName}.");
        }

        var federation = String(o["federation"], "federation");
        if (!NoteVerifierKey.IsValidName(federation) || federation.Length > 128)
        {
            throw new InvalidConfigurationException("The federation's name must be 1 to 128 characters with no space or '+'.");
        }

        if (o["version"].ValueKind != JsonValueKind.Number || !o["version"].TryGetInt64(out var version) || version < 1 || version > (1L << 53))
        {
            throw new InvalidConfigurationException("The configuration's version must be a whole number from 1.");
        }

        var issuedAt = ReadInstant(o["issuedAt"], "issuedAt");
        var expiresAt = ReadInstant(o["expiresAt"], "expiresAt");
        if (expiresAt <= issuedAt)
        {
            throw new InvalidConfigurationException("The configuration expires before it was issued.");
        }

        TimeSpan grace;
        try
        {
            grace = XmlConvert.ToTimeSpan(String(o["gracePeriod"], "gracePeriod"));
        }
        catch (FormatException)
        {
            throw new InvalidConfigurationException("The grace period is not an ISO 8601 duration such as P3D or PT12H.");
        }

        if (grace < TimeSpan.Zero || grace > MaxGracePeriod)
        {
            throw new InvalidConfigurationException($"The grace period must be between zero and {MaxGracePeriod.TotalDays} days.");
        }

        var authorities = Array(o["certificateAuthorities"], "certificateAuthorities", 1, 16).Select(ReadAuthority).ToList();
        var revoked = Array(o["revokedCertificates"], "revokedCertificates", 0, MaxRevoked).Select(e => ReadThumbprint(e, "revokedCertificates")).ToList();
        if (revoked.Distinct(StringComparer.Ordinal).Count() != revoked.Count)
        {
            throw new InvalidConfigurationException("A revoked certificate is listed twice.");
        }

        var members = Array(o["members"], "members", 1, MaxMembers).Select(ReadMember).ToList();
        CheckMembers(members, revoked);
        var policy = WitnessPolicy.Parse(String(o["witnessPolicy"], "witnessPolicy"));
        if (!policy.IsSuccess)
        {
            throw new InvalidConfigurationException(policy.Errors[0].Message);
        }

        foreach (var log in policy.Value.Logs)
        {
            if (!members.Any(m => m.AuditLog.Key.Equals(log.Key)))
            {
                throw new InvalidConfigurationException($"The witness policy lists the log '{log.Key.Name}', whose key is no member's audit log key.");
            }
        }

        return new FederationConfiguration(federation, version, issuedAt, expiresAt, grace, authorities, members, revoked, policy.Value);
    }

    private static void CheckMembers(List<FederationMember> members, List<string> revoked)
    {
        var organisations = new HashSet<string>(StringComparer.Ordinal);
        var origins = new HashSet<string>(StringComparer.Ordinal);
        var thumbprints = new HashSet<string>(StringComparer.Ordinal);
        var urls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in members)
        {
            if (!organisations.Add(member.OrganisationId))
            {
                throw new InvalidConfigurationException($"The organisation '{member.OrganisationId}' is listed twice.");
            }

            if (!origins.Add(member.AuditLog.Origin))
            {
                throw new InvalidConfigurationException($"Two members' audit logs share the origin '{member.AuditLog.Origin}'; each node's origin must be its own.");
            }

            if (!urls.Add(member.NodeUrl.GetLeftPart(UriPartial.Authority)))
            {
                throw new InvalidConfigurationException($"Two members share the node address {member.NodeUrl.GetLeftPart(UriPartial.Authority)}.");
            }

            foreach (var thumbprint in member.Certificates)
            {
                if (!thumbprints.Add(thumbprint))
                {
                    throw new InvalidConfigurationException($"The certificate {thumbprint} is listed twice.");
                }

                if (revoked.Contains(thumbprint, StringComparer.Ordinal))
                {
                    throw new InvalidConfigurationException($"The certificate {thumbprint} of '{member.OrganisationId}' is also listed as revoked.");
                }
            }
        }
    }

    private static FederationMember ReadMember(JsonElement element)
    {
        var o = Members(element, "A member", "organisationId", "name", "nodeUrl", "certificates", "auditLog");
        var organisation = String(o["organisationId"], "organisationId");
        if (!SchemaRules.IsValidSlug(organisation))
        {
            throw new InvalidConfigurationException($"The organisation id '{Truncate(organisation)}' is not a slug (lower-case letters, digits and hyphens, 2 to 64 characters).");
        }

        var name = String(o["name"], "name");
        if (name.Length is 0 or > 200 || name.Any(char.IsControl) || name.Trim().Length != name.Length)
        {
            throw new InvalidConfigurationException($"The name of '{organisation}' must be 1 to 200 characters without control characters or surrounding spaces.");
        }

        var url = String(o["nodeUrl"], "nodeUrl");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var nodeUrl) || nodeUrl.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(nodeUrl.UserInfo)
            || !string.IsNullOrEmpty(nodeUrl.Query) || !string.IsNullOrEmpty(nodeUrl.Fragment) || !nodeUrl.AbsolutePath.EndsWith('/') || nodeUrl.AbsoluteUri != url)
        {
            throw new InvalidConfigurationException($"The node address of '{organisation}' must be an https URL ending in '/', without user, query or fragment, in its normal form.");
        }

        var certificates = Array(o["certificates"], "certificates", 1, MaxCertificatesPerMember).Select(e => ReadThumbprint(e, "certificates")).ToList();
        var log = Members(o["auditLog"], "An audit log", "origin", "key");
        var origin = String(log["origin"], "origin");
        var key = NoteVerifierKey.Parse(String(log["key"], "key"));
        if (!key.IsSuccess)
        {
            throw new InvalidConfigurationException($"The audit log key of '{organisation}': {key.Errors[0].Message}");
        }

        if (key.Value.Name != origin || key.Value.SignatureType is not (NoteVerifierKey.Ed25519Type or NoteVerifierKey.EcdsaType))
        {
            throw new InvalidConfigurationException($"The audit log key of '{organisation}' must be named after the log's origin and sign checkpoints (type 0x01 or 0x02).");
        }

        return new FederationMember(organisation, name, nodeUrl, certificates, new FederationAuditLog(origin, key.Value));
    }

    private static ReadOnlyMemory<byte> ReadAuthority(JsonElement element)
    {
        var der = StrictBase64.Decode(String(element, "certificateAuthorities"))
            ?? throw new InvalidConfigurationException("A certificate authority is not base64 of a DER certificate.");
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
            {
                throw new InvalidConfigurationException($"The certificate '{certificate.Subject}' is not a certificate authority.");
            }
        }
        catch (CryptographicException)
        {
            throw new InvalidConfigurationException("A certificate authority is not a DER X.509 certificate.");
        }

        return der;
    }

    private static string ReadThumbprint(JsonElement element, string member)
    {
        var text = String(element, member);
        return IsThumbprint(text) ? text : throw new InvalidConfigurationException($"'{Truncate(text)}' in {member} is not a SHA-256 certificate thumbprint in base64url.");
    }

    private static DateTimeOffset ReadInstant(JsonElement element, string member)
    {
        var text = String(element, member);
        if (!text.EndsWith('Z') || !DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw new InvalidConfigurationException($"{member} is not an RFC 3339 UTC instant such as 2026-01-31T09:00:00Z.");
        }

        return instant;
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, JsonElement> Members(JsonElement element, string what, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidConfigurationException($"{what} must be a JSON object.");
        }

        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new InvalidConfigurationException($"{what} has an unknown member '{Truncate(property.Name)}'.");
            }

            if (!found.TryAdd(property.Name, property.Value))
            {
                throw new InvalidConfigurationException($"{what} has the member '{property.Name}' twice.");
            }
        }

        foreach (var name in names)
        {
            if (!found.ContainsKey(name))
            {
                throw new InvalidConfigurationException($"{what} lacks the member '{name}'.");
            }
        }

        return found;
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string member, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidConfigurationException($"{member} must be an array.");
        }

        var length = element.GetArrayLength();
        return length >= min && length <= max
            ? element.EnumerateArray()
            : throw new InvalidConfigurationException($"{member} must hold {min} to {max} items.");
    }

    private static string String(JsonElement element, string member) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new InvalidConfigurationException($"{member} must be a string.");

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";

    private static Error Bad(string message) => Error.Validation("federation_configuration.invalid", message);

    private sealed class InvalidConfigurationException(string message) : Exception(message);
}
