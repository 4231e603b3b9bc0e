using System.Globalization;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
using Xunit;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// A Kubernetes API for tests: by default a local etcd + kube-apiserver + kube-controller-manager
/// started on loopback for the lifetime of an xunit collection (see <see cref="ControlPlaneCollection"/>),
/// or, when <c>S1K8S_TEST_KUBECONFIG</c> names a kubeconfig, that existing cluster (no local processes).
/// Tests isolate themselves with <see cref="CreateNamespaceAsync"/> and act as non-admins with
/// <see cref="MintIdentityAsync"/>. Every process it started is stopped on dispose, and by its watchdog
/// if the test host dies first.
/// </summary>
public class ControlPlaneFixture : IAsyncLifetime
{
    private readonly ControlPlaneOptions _options;
    private readonly string _workDirectory;
    private LocalControlPlane? _local;
    private k8s.Kubernetes? _client;
    private KubectlRunner? _kubectl;
    private HelmRunner? _helm;

    /// <summary>A fixture with the default <see cref="ControlPlaneOptions"/> (how xunit makes it).</summary>
    public ControlPlaneFixture()
        : this(new ControlPlaneOptions())
    {
    }

    /// <summary>A fixture with other options, for a subclass (xunit needs a single public constructor).</summary>
    protected ControlPlaneFixture(ControlPlaneOptions options)
    {
        _options = options;
        // Named like a run folder so that a later run removes it if this test host gets killed.
        _workDirectory = Directory.CreateTempSubdirectory(
            $"{StaleRunCleaner.RunPrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-fixture-").FullName;
    }

    /// <summary>A fixture with other options, for a test that initializes and disposes it itself.</summary>
    public static ControlPlaneFixture WithOptions(ControlPlaneOptions options) => new(options);

    /// <summary>Whether this fixture runs its own local processes (false on an external cluster).</summary>
    public bool IsLocal => _options.ExternalKubeconfig is null;

    /// <summary>An admin client (system:masters locally).</summary>
    public IKubernetes Client => _client ?? throw NotStarted();

    /// <summary>The admin kubeconfig (the external one, or the local plane's).</summary>
    public string KubeconfigPath => _local?.AdminKubeconfigPath ?? _options.ExternalKubeconfig ?? throw NotStarted();

    /// <summary>The machine's kubectl, as admin.</summary>
    public KubectlRunner Kubectl => _kubectl ?? throw NotStarted();

    /// <summary>The cached helm, as admin.</summary>
    public HelmRunner Helm => _helm ?? throw NotStarted();

    /// <summary>The binaries in use (helm and kubectl also on an external cluster).</summary>
    public ControlPlaneBinaries? Binaries { get; private set; }

    /// <summary>The local node, when the options asked for one (<see cref="ControlPlaneOptions.StartNode"/>).</summary>
    public Node.LocalNode? Node => _local?.Node;

    /// <summary>The local plane's run id, part of every path and command line it uses; null when external.</summary>
    public string? RunId => _local?.RunId;

    /// <summary>The pids of the local processes (watchdogs included); empty when external.</summary>
    public IReadOnlyList<int> ProcessIds => _local?.ProcessIds ?? [];

    /// <summary>The loopback ports the local processes listen on; empty when external.</summary>
    public IReadOnlyList<int> Ports => _local?.Ports ?? [];

    /// <summary>Whether kube-controller-manager runs (always assumed on an external cluster).</summary>
    public bool HasControllerManager => !IsLocal || _options.StartControllerManager;

    public async Task InitializeAsync()
    {
        Binaries = await ControlPlaneBinaries.ResolveAsync();
        if (IsLocal)
        {
            _local = await LocalControlPlane.StartAsync(_options, Binaries, CancellationToken.None);
        }

        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
        _kubectl = KubectlFor(KubeconfigPath);
        _helm = new HelmRunner(Binaries.Helm, KubeconfigPath, Path.Combine(_workDirectory, "helm"));
    }

    /// <summary>A kubectl runner for another kubeconfig, e.g. a <see cref="ClusterIdentity"/>'s.</summary>
    public KubectlRunner KubectlFor(string kubeconfigPath) =>
        new((Binaries ?? throw NotStarted()).Kubectl, kubeconfigPath, Path.Combine(_workDirectory, "kubectl-cache"));

    /// <summary>
    /// Creates a namespace with a unique name (<c>PREFIX-RANDOM</c>) for one test; dispose it to delete it.
    /// </summary>
    /// <param name="prefix">A readable start of the name (DNS label characters). Defaults to "t".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TestNamespace> CreateNamespaceAsync(string prefix = "t", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix.ToLowerInvariant()}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        var labels = new Dictionary<string, string> { ["s1identity.dev/test"] = "true" };
        await Client.CoreV1.CreateNamespaceAsync(
            new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = labels } },
            cancellationToken: cancellationToken);
        return new TestNamespace(Client, name);
    }

    /// <summary>
    /// A fresh non-admin identity with no grants. Locally the next token user of the pool (see
    /// <see cref="ControlPlaneOptions.UserPoolSize"/>); on an external cluster a new ServiceAccount in
    /// <paramref name="namespaceName"/> with a one-hour token from the TokenRequest API.
    /// </summary>
    public async Task<ClusterIdentity> MintIdentityAsync(string namespaceName, CancellationToken cancellationToken = default)
    {
        if (_local is not null)
        {
            return _local.TakeUser();
        }

        var name = $"identity-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(
            new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, namespaceName,
            cancellationToken: cancellationToken);
        var request = await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } },
            name, namespaceName, cancellationToken: cancellationToken);
        var token = request.Status.Token;
        var admin = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        var caPem = admin.SslCaCerts is { Count: > 0 } cas
            ? string.Join('\n', cas.Select(c => c.ExportCertificatePem()))
            : null;
        var user = $"system:serviceaccount:{namespaceName}:{name}";
        var kubeconfig = KubeconfigFile.Write(
            Path.Combine(_workDirectory, $"{namespaceName}-{name}.kubeconfig"), new Uri(admin.Host), caPem,
            admin.SkipTlsVerify, name, token);
        return new ClusterIdentity(user, token, kubeconfig, new Rbacv1Subject
        {
            Kind = "ServiceAccount",
            Name = name,
            NamespaceProperty = namespaceName,
        });
    }

    /// <summary>
    /// Stops kube-apiserver and starts it again on the same port with the same etcd, certificates and
    /// tokens; returns once /readyz answers. Clients keep working; open watches break. Local only.
    /// </summary>
    public Task RestartApiServerAsync(CancellationToken cancellationToken = default) =>
        (_local ?? throw new InvalidOperationException(
            $"restarting the apiserver needs the local control plane: unset {ControlPlaneOptions.ExternalKubeconfigVariable}"))
        .RestartApiServerAsync(cancellationToken);

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        // Idempotent: a test may dispose its own fixture early and again in a finally block.
        var local = _local;
        _local = null;
        if (local is not null)
        {
            await local.DisposeAsync();
        }

        StaleRunCleaner.TryDelete(_workDirectory);
    }

    private static InvalidOperationException NotStarted() =>
        new("the control plane fixture is not initialized: await InitializeAsync() first");
}
