public import IronLBPluginAPI

/// `announcers: bgp`: a BGP-4 speaker that announces service addresses to the configured peers.
public enum BGPAnnouncerPlugin: AnnouncerPlugin {
    public typealias Configuration = BGPConfiguration
    public typealias AdvertisementOptions = BGPAdvertisementOptions
    public static let name = "bgp"
    public static let summary = "announces service addresses to routers over BGP-4 (IPv4 and IPv6 unicast)"

    public static func decode(section: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) -> BGPConfiguration? {
        BGPConfiguration.decode(section: section, context: context, &diagnostics)
    }

    public static func decodeAdvertisement(
        _ mapping: inout ConfigMapping, announcer: BGPConfiguration?, _ diagnostics: inout Diagnostics
    ) -> BGPAdvertisementOptions? {
        BGPAdvertisementOptions.decode(&mapping, announcer: announcer, &diagnostics)
    }

    public static func make(setup: AnnouncerSetup, context: PluginContext) throws -> any Announcer {
        guard let configuration = setup.section as? BGPConfiguration else {
            throw BGPSetupError(description: "the bgp announcer was given another plugin's configuration")
        }
        return BGPAnnouncer(configuration: configuration, advertisements: setup.bgpAdvertisements, metrics: context.metrics, logger: context.logger)
    }
}

/// A configuration the BGP announcer cannot run with.
struct BGPSetupError: Error, CustomStringConvertible {
    var description: String
}

extension AnnouncerSetup {
    /// The BGP options of each advertisement.
    var bgpAdvertisements: [String: BGPAdvertisementOptions] {
        advertisements.compactMapValues { $0 as? BGPAdvertisementOptions }
    }
}
