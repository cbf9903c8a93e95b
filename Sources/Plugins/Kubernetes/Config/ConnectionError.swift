/// Why IronLB cannot (yet) talk to the API server: a missing file, an unusable kubeconfig.
struct ConnectionError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
