using System.Runtime.Versioning;

// The pod runner is Linux only (namespaces, loopback pod IPs), and so are its tests.
[assembly: SupportedOSPlatform("linux")]
