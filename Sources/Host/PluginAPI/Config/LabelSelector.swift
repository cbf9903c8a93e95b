/// A Kubernetes-style label selector: `match-labels` and `match-expressions`.
public struct LabelSelector: Sendable, Equatable {
    /// One `match-expressions` entry.
    public struct Requirement: Sendable, Equatable {
        /// The operators Kubernetes defines.
        public enum Operator: String, Sendable, CaseIterable { case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist" }
        /// The label key.
        public var key: String
        /// The operator.
        public var op: Operator
        /// The values for `In` and `NotIn`.
        public var values: [String]

        /// Creates a requirement.
        public init(key: String, op: Operator, values: [String]) {
            self.key = key
            self.op = op
            self.values = values
        }

        func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .in: labels[key].map(values.contains) ?? false
            case .notIn: labels[key].map { !values.contains($0) } ?? true
            case .exists: labels[key] != nil
            case .doesNotExist: labels[key] == nil
            }
        }
    }

    /// Labels that must be present with these values.
    public var matchLabels: [String: String] = [:]
    /// Further requirements.
    public var matchExpressions: [Requirement] = []

    /// The selector that selects everything.
    public static let everything = LabelSelector()

    /// Creates a selector.
    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether `labels` satisfy the selector.
    public func matches(_ labels: [String: String]) -> Bool {
        matchLabels.allSatisfy { labels[$0.key] == $0.value } && matchExpressions.allSatisfy { $0.matches(labels) }
    }

    /// Decodes `match-labels` / `match-expressions` strictly.
    public static func decode(_ node: ConfigNode, _ diagnostics: inout Diagnostics) -> LabelSelector? {
        guard var mapping = ConfigMapping(node, &diagnostics) else { return nil }
        defer { mapping.finish(&diagnostics) }
        var selector = LabelSelector()
        selector.matchLabels = mapping.value("match-labels")?.labels(&diagnostics) ?? [:]
        selector.matchExpressions = mapping.value("match-expressions")?.list(&diagnostics) { item, diagnostics in
            guard var entry = ConfigMapping(item, &diagnostics) else { return nil }
            defer { entry.finish(&diagnostics) }
            let key = entry.require("key", &diagnostics)?.string(&diagnostics)
            let op = entry.require("operator", &diagnostics)?.choice(Requirement.Operator.allCases.map(\.rawValue), &diagnostics)
            let values = entry.value("values")?.list(&diagnostics) { $0.string(&$1) } ?? []
            guard let key, let op, let parsed = Requirement.Operator(rawValue: op) else { return nil }
            if (parsed == .in || parsed == .notIn) && values.isEmpty {
                diagnostics.error(item, "operator \(op) needs at least one value")
            }
            if (parsed == .exists || parsed == .doesNotExist) && !values.isEmpty {
                diagnostics.error(item, "operator \(op) takes no values")
            }
            return Requirement(key: key, op: parsed, values: values)
        } ?? []
        return selector
    }

    /// The normalized form, or nil when it selects everything.
    public var rendered: RenderedValue? {
        if self == .everything { return nil }
        var entries: [RenderedEntry] = []
        if !matchLabels.isEmpty {
            entries.append(RenderedEntry("match-labels", .mapping(matchLabels.sorted { $0.key < $1.key }.map { RenderedEntry($0.key, .string($0.value)) })))
        }
        if !matchExpressions.isEmpty {
            entries.append(RenderedEntry("match-expressions", .list(matchExpressions.map { requirement in
                var fields = [RenderedEntry("key", .string(requirement.key)), RenderedEntry("operator", .string(requirement.op.rawValue))]
                if !requirement.values.isEmpty { fields.append(RenderedEntry("values", .strings(requirement.values))) }
                return .mapping(fields)
            })))
        }
        return .mapping(entries)
    }
}
