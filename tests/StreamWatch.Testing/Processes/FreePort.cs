using System.Net;
using System.Net.Sockets;

namespace StreamWatch.Testing.Processes;

/// <summary>Free TCP ports on the loopback interface, for servers a test starts.</summary>
public static class FreePort
{
    /// <summary>
    /// A port that was free a moment ago. The OS picks it (bind to port 0), so parallel tests
    /// do not collide the way a fixed range would.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
