import IronLBPluginAPI

extension KubernetesSettings {
    /// Decodes the section strictly, reporting every problem with its position.
    static func decode(_ node: ConfigNode, _ diagnostics: inout Diagnostics) -> KubernetesSettings? {
        guard var mapping = ConfigMapping(node, &diagnostics) else { return nil }
        let before = diagnostics.errors.count
        var settings = KubernetesSettings()
        if let value = mapping.value("enabled")?.bool(&diagnostics) { settings.enabled = value }
        if let pathNode = mapping.value("kubeconfig"), let path = pathNode.string(&diagnostics) {
            if path.hasPrefix("/") {
                settings.kubeconfig = path
            } else {
                diagnostics.error(pathNode, "expected an absolute path, found \"\(path)\"")
            }
        }
        if let contextNode = mapping.value("context") {
            settings.context = contextNode.string(&diagnostics)
            if settings.kubeconfig == nil && !mapping.contains("kubeconfig") {
                diagnostics.error(contextNode, "'context' needs 'kubeconfig'; in-cluster access has no contexts")
            }
        }
        if let value = mapping.value("load-balancer-class")?.name(&diagnostics) { settings.loadBalancerClass = value }
        if let value = mapping.value("claim-services-without-class")?.bool(&diagnostics) { settings.claimServicesWithoutClass = value }
        if let value = mapping.value("node-name")?.name(&diagnostics) { settings.nodeName = value }
        if let value = mapping.value("resync-period")?.duration(in: .seconds(10)...Duration.seconds(86_400), &diagnostics) {
            settings.resyncPeriod = value
        }
        if let value = mapping.value("write-status")?.bool(&diagnostics) { settings.writeStatus = value }
        if let value = mapping.value("leader-election")?.bool(&diagnostics) { settings.leaderElection = value }
        if let value = mapping.value("lease-namespace")?.name(&diagnostics) { settings.leaseNamespace = value }
        if let value = mapping.value("lease-name")?.name(&diagnostics) { settings.leaseName = value }
        if let value = mapping.value("lease-duration")?.duration(in: .seconds(1)...Duration.seconds(300), &diagnostics) {
            settings.leaseDuration = value
        }
        mapping.finish(&diagnostics)
        return diagnostics.errors.count == before ? settings : nil
    }
}
