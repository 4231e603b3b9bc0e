using System.Runtime.Versioning;

// The sandbox drives Linux processes (mount namespaces, signals, a local control plane): Linux only.
[assembly: SupportedOSPlatform("linux")]
