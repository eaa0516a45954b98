using System.Globalization;
using System.Text;
using Concordat.Core;
using Npgsql;

namespace Concordat.Storage;

/// <summary>
/// Reads a PostgreSQL connection URI as libpq defines it (PostgreSQL documentation, "Connection URIs"):
/// <c>postgresql://[user[:password]@][host][:port][,host[:port]...][/dbname][?param=value&amp;...]</c>, with every part
/// percent-decoded and the libpq parameter names (sslmode, sslrootcert, application_name, connect_timeout,
/// target_session_attrs and others) mapped onto Npgsql's settings. Npgsql itself reads only key=value strings.
/// </summary>
internal static class PostgresUri
{
    public static Result<StoreLocation> Parse(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var rest = text[(schemeEnd + 3)..];
        if (rest.Contains('#', StringComparison.Ordinal))
        {
            return Fail("A PostgreSQL URI has no '#' part; percent-encode '#' in a password as %23.");
        }

        string? query = null;
        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        if (queryAt >= 0)
        {
            query = rest[(queryAt + 1)..];
            rest = rest[..queryAt];
        }

        string? database = null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        if (slash >= 0)
        {
            var path = rest[(slash + 1)..];
            if (path.Length > 0)
            {
                if (Decode(path, "database name") is not { IsSuccess: true } decodedDatabase)
                {
                    return Fail("The database name has a bad percent-encoding.");
                }

                database = decodedDatabase.Value;
            }
        }

        var builder = new NpgsqlConnectionStringBuilder();
        string? user = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var userText = colon >= 0 ? userInfo[..colon] : userInfo;
            var decodedUser = Decode(userText, "user name");
            if (!decodedUser.IsSuccess)
            {
                return Fail("The user name has a bad percent-encoding.");
            }

            user = decodedUser.Value.Length > 0 ? decodedUser.Value : null;
            if (colon >= 0)
            {
                var decodedPassword = Decode(userInfo[(colon + 1)..], "password");
                if (!decodedPassword.IsSuccess)
                {
                    // Not a word of the password itself.
                    return Fail("The password has a bad percent-encoding (write '%' as %25, '@' as %40, ':' as %3A, '/' as %2F).");
                }

                builder.Password = decodedPassword.Value;
            }
        }

        var hosts = new List<(string Host, int? Port)>();
        if (authority.Length > 0)
        {
            foreach (var part in authority.Split(','))
            {
                var host = ParseHost(part);
                if (!host.IsSuccess)
                {
                    return Result<StoreLocation>.Failure(host.Errors);
                }

                hosts.Add(host.Value);
            }
        }

        builder.Username = user;
        builder.Database = database;
        if (query is not null)
        {
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return Fail("Each URI parameter needs a name and a value (name=value).");
                }

                var name = Decode(pair[..equals], "parameter name");
                var value = Decode(pair[(equals + 1)..], "parameter value");
                if (!name.IsSuccess || !value.IsSuccess)
                {
                    return Fail("A URI parameter has a bad percent-encoding.");
                }

                var applied = Apply(builder, hosts, name.Value, value.Value);
                if (!applied.IsSuccess)
                {
                    return Result<StoreLocation>.Failure(applied.Errors);
                }
            }
        }

        if (hosts.Count == 0)
        {
            return Fail("The PostgreSQL URI names no host: postgresql://user:password@host:5432/database.");
        }

        builder.Host = hosts.Count == 1 ? hosts[0].Host : string.Join(',', hosts.Select(h => h.Port is { } p ? $"{Bracket(h.Host)}:{p.ToString(CultureInfo.InvariantCulture)}" : Bracket(h.Host)));
        if (hosts.Count == 1 && hosts[0].Port is { } port)
        {
            builder.Port = port;
        }

        return new PostgresStoreLocation(builder.ConnectionString, Display(builder, hosts));
    }

    private static Result<(string Host, int? Port)> ParseHost(string part)
    {
        string host;
        string? portText = null;
        if (part.StartsWith('['))
        {
            var close = part.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return Error.Validation("store.invalid", "An IPv6 host in the PostgreSQL URI lacks its closing ']'.", "store");
            }

            host = part[1..close];
            var after = part[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return Error.Validation("store.invalid", "Only ':port' may follow an IPv6 host in the PostgreSQL URI.", "store");
                }

                portText = after[1..];
            }
        }
        else
        {
            var colon = part.LastIndexOf(':');
            host = colon >= 0 ? part[..colon] : part;
            portText = colon >= 0 ? part[(colon + 1)..] : null;
            var decoded = Decode(host, "host");
            if (!decoded.IsSuccess)
            {
                return Error.Validation("store.invalid", "A host in the PostgreSQL URI has a bad percent-encoding.", "store");
            }

            host = decoded.Value;
        }

        if (host.Length == 0)
        {
            return Error.Validation("store.invalid", "A host in the PostgreSQL URI is empty.", "store");
        }

        int? port = null;
        if (!string.IsNullOrEmpty(portText))
        {
            var parsedPort = ParsePort(portText);
            if (!parsedPort.IsSuccess)
            {
                return Result<(string, int?)>.Failure(parsedPort.Errors);
            }

            port = parsedPort.Value;
        }

        return (host, port);
    }

    private static Result<int> ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : Error.Validation("store.invalid", "The port in the PostgreSQL URI must be a number from 1 to 65535.", "store");

    private static Result<bool> Apply(NpgsqlConnectionStringBuilder builder, List<(string Host, int? Port)> hosts, string name, string value)
    {
        switch (name)
        {
            case "host":
                // A host given as a parameter (a Unix socket directory, for instance) replaces the URI's hosts.
                hosts.Clear();
                foreach (var host in value.Split(','))
                {
                    if (host.Length == 0)
                    {
                        return Error.Validation("store.invalid", "The host parameter names an empty host.", "store");
                    }

                    hosts.Add((host, null));
                }

                return true;
            case "port":
                var port = ParsePort(value);
                if (!port.IsSuccess)
                {
                    return Result<bool>.Failure(port.Errors);
                }

                for (var i = 0; i < hosts.Count; i++)
                {
                    hosts[i] = (hosts[i].Host, hosts[i].Port ?? port.Value);
                }

                builder.Port = port.Value;
                return true;
            case "dbname":
                builder.Database = value;
                return true;
            case "user":
                builder.Username = value;
                return true;
            case "password":
                builder.Password = value;
                return true;
            case "sslmode":
                return Set(name, value, v => builder.SslMode = v switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new FormatException("one of disable, allow, prefer, require, verify-ca, verify-full"),
                });
            case "sslrootcert":
                builder.RootCertificate = value;
                return true;
            case "sslcert":
                builder.SslCertificate = value;
                return true;
            case "sslkey":
                builder.SslKey = value;
                return true;
            case "sslpassword":
                builder.SslPassword = value;
                return true;
            case "application_name":
                builder.ApplicationName = value;
                return true;
            case "options":
                builder.Options = value;
                return true;
            case "connect_timeout":
                return Set(name, value, v => builder.Timeout = Whole(v, 0, 1024));
            case "command_timeout":
                return Set(name, value, v => builder.CommandTimeout = Whole(v, 0, int.MaxValue));
            case "target_session_attrs":
                return Set(name, value, v => builder.TargetSessionAttributes = v switch
                {
                    "any" or "read-write" or "read-only" or "primary" or "standby" or "prefer-standby" => v,
                    _ => throw new FormatException("one of any, read-write, read-only, primary, standby, prefer-standby"),
                });
            case "pooling":
                return Set(name, value, v => builder.Pooling = v switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new FormatException("true or false"),
                });
            case "minimum_pool_size":
                return Set(name, value, v => builder.MinPoolSize = Whole(v, 0, 1024));
            case "maximum_pool_size":
                return Set(name, value, v => builder.MaxPoolSize = Whole(v, 1, 1024));
            default:
                return Error.Validation(
                    "store.invalid",
                    $"The PostgreSQL URI parameter '{(name.Length > 40 ? name[..40] : name)}' is not supported (supported: sslmode, sslrootcert, sslcert, sslkey, sslpassword, application_name, options, connect_timeout, command_timeout, target_session_attrs, host, port, dbname, user, password, pooling, minimum_pool_size, maximum_pool_size).",
                    "store");
        }
    }

    private static Result<bool> Set(string name, string value, Action<string> apply)
    {
        try
        {
            apply(value);
            return true;
        }
        catch (FormatException ex)
        {
            // Parameter values other than passwords are safe to repeat.
            return Error.Validation("store.invalid", $"The PostgreSQL URI parameter {name} must be {ex.Message}, not '{(value.Length > 40 ? value[..40] : value)}'.", "store");
        }
    }

    private static int Whole(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Percent-decodes one part, refusing a '%' not followed by two hex digits (libpq refuses it too).</summary>
    private static Result<string> Decode(string text, string what)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return Error.Validation("store.invalid", $"Bad percent-encoding in the {what}.", "store");
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                var rune = char.IsSurrogatePair(text, i) ? new Rune(text[i], text[i + 1]) : new Rune(text[i]);
                var written = rune.EncodeToUtf8(utf8);
                for (var j = 0; j < written; j++)
                {
                    bytes.Add(utf8[j]);
                }

                i += rune.Utf16SequenceLength - 1;
            }
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return Error.Validation("store.invalid", $"The {what} does not decode to UTF-8.", "store");
        }
    }

    private static string Bracket(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private static string Display(NpgsqlConnectionStringBuilder builder, List<(string Host, int? Port)> hosts)
    {
        var text = new StringBuilder("postgresql://");
        if (!string.IsNullOrEmpty(builder.Username))
        {
            text.Append(Uri.EscapeDataString(builder.Username)).Append('@');
        }

        text.AppendJoin(',', hosts.Select(h => Bracket(h.Host).StartsWith('/') ? Uri.EscapeDataString(h.Host) : Bracket(h.Host) + ":" + (h.Port ?? builder.Port).ToString(CultureInfo.InvariantCulture)));
        text.Append('/').Append(Uri.EscapeDataString(builder.Database ?? builder.Username ?? ""));
        if (builder.SslMode != SslMode.Prefer)
        {
            text.Append("?sslmode=").Append(builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                _ => "verify-full",
            });
        }

        return text.ToString();
    }

    private static Result<StoreLocation> Fail(string message) => StoreLocation.Invalid(message);
}
