public import IronLBPluginAPI

/// The Kubernetes source: Services of type LoadBalancer with IronLB's class, watched on the API server.
public enum KubernetesSourcePlugin: ServiceSourcePlugin {
    public typealias Configuration = KubernetesSettings
    public static let name = "kubernetes"
    public static let summary = "Services of type LoadBalancer from the Kubernetes API (list + watch), status written back"
    public static let sectionPath = ["sources", "kubernetes"]

    public static func decode(section: ConfigNode?, context: ConfigContext, _ diagnostics: inout Diagnostics) -> KubernetesSettings? {
        guard let section else {
            var absent = KubernetesSettings()
            absent.enabled = false
            return absent
        }
        return KubernetesSettings.decode(section, &diagnostics)
    }

    public static func isEnabled(_ configuration: KubernetesSettings) -> Bool { configuration.enabled }

    public static func make(configuration: KubernetesSettings, sink: any ServiceIntentSink, context: PluginContext) throws -> any ServiceSource {
        KubernetesSource(settings: configuration, sink: sink, context: context)
    }
}
