package import IronLBPluginAPI

/// A listener address written `HOST:PORT` or `[IPV6]:PORT`.
package struct HostPort: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int

    /// Decodes a listener address; the host must be an IP address (no name lookups at validation time).
    package static func decode(_ node: ConfigNode, _ diagnostics: inout Diagnostics) -> HostPort? {
        guard let text = node.string(&diagnostics) else { return nil }
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                diagnostics.error(node, "expected [IPV6]:PORT, found \"\(text)\"")
                return nil
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                diagnostics.error(node, "expected HOST:PORT such as 127.0.0.1:9473 (IPv6 as [::1]:9473), found \"\(text)\"")
                return nil
            }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        do {
            _ = try IPAddress(parsing: String(host))
        } catch {
            diagnostics.error(node, "the host must be an IP address: \(error.description)")
            return nil
        }
        guard let number = Int(port), (1...65535).contains(number), port.first != "0" else {
            diagnostics.error(node, "\"\(port)\" is not a port number (1...65535)")
            return nil
        }
        return HostPort(host: String(host), port: number)
    }

    /// `127.0.0.1:9473` or `[::1]:9473`.
    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
