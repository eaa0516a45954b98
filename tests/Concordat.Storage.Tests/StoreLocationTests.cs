using CsCheck;
using Npgsql;

namespace Concordat.Storage.Tests;

public sealed class StoreLocationTests
{
    private static NpgsqlConnectionStringBuilder Postgres(string text)
    {
        var parsed = StoreLocation.Parse(text);
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? "" : parsed.Errors[0].Message);
        return new NpgsqlConnectionStringBuilder(Assert.IsType<PostgresStoreLocation>(parsed.Value).ConnectionString);
    }

    private static string Refused(string text)
    {
        var parsed = StoreLocation.Parse(text);
        Assert.False(parsed.IsSuccess);
        Assert.Equal("store.invalid", parsed.Errors[0].Code);
        return parsed.Errors[0].Message;
    }

    [Fact]
    public void Sqlite_store_is_a_full_path()
    {
        var location = Assert.IsType<SqliteStoreLocation>(StoreLocation.Parse("sqlite:./data/concordat.db").Value);
        Assert.Equal(Path.GetFullPath("./data/concordat.db"), location.Path);
        Assert.Equal("sqlite:" + Path.GetFullPath("./data/concordat.db"), location.Display);
        Assert.Equal(Path.GetFullPath(Path.Combine("hub", "concordat.db")), Assert.IsType<SqliteStoreLocation>(StoreLocation.InDataDirectory("hub")).Path);
    }

    [Fact]
    public void Postgres_uri_parts_are_percent_decoded_and_parameters_mapped()
    {
        var builder = Postgres("postgresql://hub%40dept:p%40ss%3Aw%2Fo%25rd@db.example.gov.uk:6432/concordat%20live?sslmode=verify-full&application_name=hub-1&connect_timeout=7&target_session_attrs=read-write");
        Assert.Equal("hub@dept", builder.Username);
        Assert.Equal("p@ss:w/o%rd", builder.Password);
        Assert.Equal("db.example.gov.uk", builder.Host);
        Assert.Equal(6432, builder.Port);
        Assert.Equal("concordat live", builder.Database);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("hub-1", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("read-write", builder.TargetSessionAttributes);
    }

    [Fact]
    public void Postgres_scheme_alias_default_port_ipv6_and_several_hosts_are_read()
    {
        var plain = Postgres("postgres://u@localhost/db");
        Assert.Equal(("localhost", 5432, "db"), (plain.Host, plain.Port, plain.Database));
        Assert.Null(plain.Password);

        var ipv6 = Postgres("postgresql://u:p@[::1]:5433/db");
        Assert.Equal(("::1", 5433), (ipv6.Host, ipv6.Port));

        var several = Postgres("postgresql://u:p@primary:5432,standby:5433/db?target_session_attrs=primary");
        Assert.Equal("primary:5432,standby:5433", several.Host);

        var socket = Postgres("postgresql:///db?host=/var/run/postgresql&user=hub");
        Assert.Equal(("/var/run/postgresql", "hub"), (socket.Host, socket.Username));
    }

    [Fact]
    public void Display_never_carries_the_password()
    {
        var location = StoreLocation.Parse("postgresql://hub:s3cret-Pa55@db:5432/concordat?sslmode=require&sslpassword=k3y-Pa55").Value;
        Assert.Equal("postgresql://hub@db:5432/concordat?sslmode=require", location.Display);
        Assert.DoesNotContain("s3cret", location.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("k3y", location.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sqlite:")]
    [InlineData("mysql://hub:s3cret@db/x")]
    [InlineData("postgresql://hub:s3cret@db:99999/x")]
    [InlineData("postgresql://hub:s3cret@db:port/x")]
    [InlineData("postgresql://hub:s3cret%zz@db/x")]
    [InlineData("postgresql://hub:s3cret@/x")]
    [InlineData("postgresql://hub:s3cret@db/x?sslmode=sometimes")]
    [InlineData("postgresql://hub:s3cret@db/x?colour=blue")]
    [InlineData("postgresql://hub:s3cret@db/x?sslmode")]
    [InlineData("postgresql://hub:s3cret@[::1/x")]
    [InlineData("postgresql://hub:s3cret@db/x#frag")]
    [InlineData("./data/concordat.db")]
    public void Bad_store_settings_are_refused_in_one_line_without_the_password(string text)
    {
        var message = Refused(text);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("s3cret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_setting_wins_over_the_environment_which_wins_over_configuration()
    {
        Assert.Equal("sqlite:" + Path.GetFullPath("a.db"), StoreLocation.Resolve("sqlite:a.db", "sqlite:b.db", "sqlite:c.db", "data").Value.Display);
        Assert.Equal("sqlite:" + Path.GetFullPath("b.db"), StoreLocation.Resolve(null, "sqlite:b.db", "sqlite:c.db", "data").Value.Display);
        Assert.Equal("sqlite:" + Path.GetFullPath("c.db"), StoreLocation.Resolve(null, null, "sqlite:c.db", "data").Value.Display);
        Assert.Equal("sqlite:" + Path.GetFullPath(Path.Combine("data", "concordat.db")), StoreLocation.Resolve(null, null, null, "data").Value.Display);
        Assert.False(StoreLocation.Resolve("", "sqlite:b.db", null, "data").IsSuccess);
    }

    [Fact]
    public void Any_password_percent_encoded_comes_back_exactly()
    {
        Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.Char['!', '~'], Gen.Char['\u00a0', '\u2fff']), 1, 40].Sample(password =>
        {
            var builder = Postgres($"postgresql://hub:{Uri.EscapeDataString(password)}@db/concordat");
            Assert.Equal(password, builder.Password);
        });
    }
}
