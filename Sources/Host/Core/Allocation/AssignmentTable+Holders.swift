package import IronLBPluginAPI

extension AssignmentTable {
    /// Who holds `address`, in the order they came (more than one when shared).
    package func holders(of address: IPAddress) -> [ServiceKey] {
        guard let first = firstHolder(of: address) else { return [] }
        return [entries[Int(first)].key] + (sharing[address] ?? []).map { entries[Int($0)].key }
    }

    /// Whether anybody holds `address`.
    func isHeld(_ address: IPAddress) -> Bool {
        firstHolder(of: address) != nil
    }

    /// The addresses more than one service holds, each with its holders.
    package var sharedAddresses: [(address: IPAddress, holders: [ServiceKey])] {
        sharing.keys.map { ($0, holders(of: $0)) }
    }

    /// Every held address, once.
    var heldAddresses: [IPAddress] {
        indices.flatMap { slot in
            entries[slot].addresses.filter { firstHolder(of: $0) == Int32(slot) }
        }
    }

    /// Starts loading where `addHolder(_:of:)` will look for `address`'s holder (a hint).
    @inline(__always)
    func prefetchHolder(of address: IPAddress) {
        switch address {
        case .v4(let v4): byV4.prefetch(hash(UInt128(v4.rawValue)))
        case .v6(let v6): byV6.prefetch(hash(v6.rawValue))
        }
    }

    /// Adds `slot` to the holders of `address`; true when it is the first.
    mutating func addHolder(_ slot: Int32, of address: IPAddress) -> Bool {
        // One probe: it finds the first holder or, when there is none, indexes `slot` as the first.
        // The probe reads entries while the index changes: it gets its own reference to the chunks.
        let entries = self.entries
        let first = switch address {
        case .v4(let v4):
            byV4.insert(slot, hash: hash(UInt128(v4.rawValue))) { entries[Int($0)].addresses.contains(address) }
        case .v6(let v6):
            byV6.insert(slot, hash: hash(v6.rawValue)) { entries[Int($0)].addresses.contains(address) }
        }
        guard first != nil else { return true }
        sharing[address, default: []].append(slot)
        return false
    }

    /// Removes `slot` from the holders of `address`; true when nobody holds it any more.
    mutating func removeHolder(_ slot: Int32, of address: IPAddress) -> Bool {
        guard firstHolder(of: address) == slot else {
            sharing[address]?.removeAll { $0 == slot }
            if sharing[address]?.isEmpty == true { sharing[address] = nil }
            return false
        }
        // Hashing an address for the dictionary costs more than the probe above: most hold alone.
        let next = sharing.isEmpty ? nil : sharing[address]?.first
        if next != nil {
            sharing[address]!.removeFirst()
            if sharing[address]!.isEmpty { sharing[address] = nil }
        }
        switch address {
        case .v4(let v4):
            byV4.remove(slot, hash: hash(UInt128(v4.rawValue)))
            if let next { byV4.insert(next, hash: hash(UInt128(v4.rawValue))) }
        case .v6(let v6):
            byV6.remove(slot, hash: hash(v6.rawValue))
            if let next { byV6.insert(next, hash: hash(v6.rawValue)) }
        }
        return next == nil
    }

    private func firstHolder(of address: IPAddress) -> Int32? {
        switch address {
        case .v4(let v4):
            byV4.find(hash(UInt128(v4.rawValue))) { entries[Int($0)].addresses.contains(address) }
        case .v6(let v6):
            byV6.find(hash(v6.rawValue)) { entries[Int($0)].addresses.contains(address) }
        }
    }
}
