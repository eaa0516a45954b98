using Concordat.Core.Subscriptions;

namespace Concordat.Core.Tests.Subscriptions;

public sealed class CallbackUrlPolicyTests
{
    [Theory]
    [InlineData("https://hooks.leeds.example.gov.uk/concordat", false)]
    [InlineData("https://203.0.113.10:8443/hook", false)]
    [InlineData("http://127.0.0.1:5001/hook", true)]
    [InlineData("http://localhost:5001/hook", true)]
    [InlineData("http://[::1]:5001/hook", true)]
    public void Accepted(string url, bool allowLoopbackHttp)
    {
        Assert.True(CallbackUrlPolicy.Check(url, allowLoopbackHttp).IsSuccess);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://hooks.example.gov.uk/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://hooks.example.gov.uk/x")]
    [InlineData("http://hooks.example.gov.uk/hook")]
    [InlineData("https://user:pass@hooks.example.gov.uk/hook")]
    [InlineData("https://hooks.example.gov.uk/hook#frag")]
    [InlineData("http://127.0.0.1:5001/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    public void Refused_in_production(string? url)
    {
        var checkedUrl = CallbackUrlPolicy.Check(url, allowLoopbackHttp: false);

        Assert.Equal("subscription.invalid_callback_url", checkedUrl.Errors.Single().Code);
    }

    [Theory]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://hooks.example.gov.uk/hook")]
    [InlineData("https://user@127.0.0.1/hook")]
    public void Loopback_allowance_does_not_open_anything_else(string url)
    {
        Assert.False(CallbackUrlPolicy.Check(url, allowLoopbackHttp: true).IsSuccess);
    }

    [Fact]
    public void Overlong_url_is_refused()
    {
        Assert.False(CallbackUrlPolicy.Check("https://hooks.example.gov.uk/" + new string('a', CallbackUrlPolicy.MaxLength), false).IsSuccess);
    }
}
