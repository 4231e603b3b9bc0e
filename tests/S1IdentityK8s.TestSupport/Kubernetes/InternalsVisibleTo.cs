using System.Runtime.CompilerServices;

// The control-plane tests check the watchdog script itself (host death cannot be staged in-process).
[assembly: InternalsVisibleTo("S1IdentityK8s.ControlPlane.Tests")]
