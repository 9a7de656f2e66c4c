namespace LspGen.Drafting.Tests;

public class HostPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:11434/v1", true)]
    [InlineData("http://127.8.9.10/v1", true)]
    [InlineData("http://localhost:8000/v1", true)]
    [InlineData("http://[::1]:8000/v1", true)]
    [InlineData("https://api.example.com/v1", true)]
    [InlineData("https://API.EXAMPLE.COM/v1", true)]
    [InlineData("https://api.example.com.evil.test/v1", false)]
    [InlineData("http://10.0.0.1/v1", false)]
    [InlineData("http://localhost.evil.test/v1", false)]
    [InlineData("ftp://127.0.0.1/v1", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Loopback_and_listed_hosts_only(string url, bool allowed)
    {
        var policy = new HostPolicy(["api.example.com"]);
        Assert.Equal(allowed, policy.IsAllowed(new Uri(url)));
    }
}
