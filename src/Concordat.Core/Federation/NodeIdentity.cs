using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Federation;

/// <summary>
/// How a node certificate names its organisation: one subject alternative name URI <c>urn:concordat:org:&lt;id&gt;</c>
/// (RFC 5280 section 4.2.1.6), the value RFC 8705's <c>tls_client_auth_san_uri</c> matches.
/// </summary>
public static class NodeIdentity
{
    /// <summary>The URI prefix before the organisation id.</summary>
    public const string UriPrefix = "urn:concordat:org:";

    /// <summary>The SAN URI naming an organisation.</summary>
    public static string UriOf(string organisationId)
    {
        if (!SchemaRules.IsValidSlug(organisationId))
        {
            throw new ArgumentException("An organisation id is a slug.", nameof(organisationId));
        }

        return UriPrefix + organisationId;
    }

    /// <summary>
    /// The organisation a certificate (or certificate request's extensions) names, or null when its subject alternative
    /// names hold no <c>urn:concordat:org:</c> URI, more than one, or one whose id is not a slug.
    /// </summary>
    public static string? OrganisationOf(IEnumerable<X509Extension> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var san = extensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (san is null)
        {
            return null;
        }

        string? found = null;
        foreach (var uri in SanUris(san.RawData))
        {
            if (!uri.StartsWith(UriPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = uri[UriPrefix.Length..];
        }

        return found is not null && SchemaRules.IsValidSlug(found) ? found : null;
    }

    /// <summary>The organisation a certificate names; see <see cref="OrganisationOf(IEnumerable{X509Extension})"/>.</summary>
    public static string? OrganisationOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return OrganisationOf(certificate.Extensions);
    }

    // GeneralNames ::= SEQUENCE OF GeneralName; uniformResourceIdentifier is [6] IMPLICIT IA5String.
    private static List<string> SanUris(byte[] der)
    {
        var uris = new List<string>();
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                if (names.PeekTag().HasSameClassAndValue(uriTag))
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return [];
        }

        return uris;
    }
}
