using System.Net;
using System.Net.Sockets;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>Picks distinct free TCP ports on 127.0.0.1 (the kernel's choice for port 0).</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
