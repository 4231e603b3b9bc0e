using System.Runtime.Versioning;

// Namespaces, loopback pod IPs, setpriv and /proc: the runner is Linux only.
[assembly: SupportedOSPlatform("linux")]
