import IronLBPluginAPI

/// The journal's binary form of a record: compact, and fast to replay (100,000 records in well under
/// the start-up budget), unlike a text form.
///
/// ```
/// kind u8 (1 assigned, 2 released) · time i64 · key source, name · pool · addresses
/// assigned only: request pool? · request addresses · families u8 · sharing key? · ports · traffic policy u8
///   · endpoint selector? (format 2 on: present u8, then count u16 and key, value strings by key)
/// ```
/// Strings are u16 length + UTF-8; addresses are a count, then family (4 or 6) + 4 or 16 bytes.
/// Format 1 (journals headed `IRLBJNL1`) has no endpoint selector.
extension AllocationRecord {
    /// Appends the record's payload to `writer`.
    func encode(into writer: inout JournalWriter) {
        switch self {
        case .assigned(let assignment, let request, let time):
            writer.u8(1)
            Self.encode(assignment, time, into: &writer)
            writer.optionalString(request.pool)
            Self.encode(request.addresses, into: &writer)
            writer.u8(UInt8(FamilyPolicy.allCases.firstIndex(of: request.families) ?? 0))
            writer.optionalString(request.sharingKey)
            writer.u16(UInt16(clamping: request.ports.count))
            for port in request.ports.prefix(Int(UInt16.max)) {
                writer.u16(UInt16(clamping: port.port))
                writer.u8(UInt8(ServicePort.TransportProtocol.allCases.firstIndex(of: port.transport) ?? 0))
            }
            writer.u8(UInt8(TrafficPolicy.allCases.firstIndex(of: request.trafficPolicy) ?? 0))
            if let selector = request.endpointSelector {
                writer.u8(1)
                writer.u16(UInt16(clamping: selector.count))
                for (key, value) in selector.sorted(by: { $0.key < $1.key }).prefix(Int(UInt16.max)) {
                    writer.string(key)
                    writer.string(value)
                }
            } else {
                writer.u8(0)
            }
        case .released(let assignment, let time):
            writer.u8(2)
            Self.encode(assignment, time, into: &writer)
        }
    }

    /// Reads one record's payload, written in journal format `format`.
    init(from reader: inout JournalReader, format: Int) throws(JournalReader.Malformed) {
        let kind = try reader.u8()
        let time = WallClockInstant(nanosecondsSinceEpoch: Int64(bitPattern: try reader.u64()))
        let key = ServiceKey(source: try reader.string(), name: try reader.string())
        let assignment = Assignment(key: key, pool: try reader.string(), addresses: try Self.assignedAddresses(from: &reader))
        switch kind {
        case 1:
            var request = AddressRequest(pool: try reader.optionalString(), addresses: try Self.addresses(from: &reader))
            request.families = try Self.element(of: FamilyPolicy.allCases, at: reader.u8())
            request.sharingKey = try reader.optionalString()
            for _ in 0..<Int(try reader.u16()) {
                let port = Int(try reader.u16())
                request.ports.append(ServicePort(port: port, transport: try Self.element(of: ServicePort.TransportProtocol.allCases, at: reader.u8())))
            }
            request.trafficPolicy = try Self.element(of: TrafficPolicy.allCases, at: reader.u8())
            if format >= 2 {
                switch try reader.u8() {
                case 0: break
                case 1:
                    var selector: [String: String] = [:]
                    for _ in 0..<Int(try reader.u16()) { selector[try reader.string()] = try reader.string() }
                    request.endpointSelector = selector
                default: throw JournalReader.Malformed()
                }
            }
            self = .assigned(assignment, request: request, at: time)
        case 2:
            self = .released(assignment, at: time)
        default:
            throw JournalReader.Malformed()
        }
    }

    private static func encode(_ assignment: Assignment, _ time: WallClockInstant, into writer: inout JournalWriter) {
        writer.u64(UInt64(bitPattern: time.nanosecondsSinceEpoch))
        writer.string(assignment.key.source)
        writer.string(assignment.key.name)
        writer.string(assignment.pool)
        encode(assignment.addresses, into: &writer)
    }

    private static func encode(_ addresses: some Collection<IPAddress>, into writer: inout JournalWriter) {
        writer.u8(UInt8(clamping: addresses.count))
        for address in addresses.prefix(255) {
            switch address {
            case .v4(let v4):
                writer.u8(4)
                writer.u32(v4.rawValue)
            case .v6(let v6):
                writer.u8(6)
                writer.u64(UInt64(truncatingIfNeeded: v6.rawValue))
                writer.u64(UInt64(truncatingIfNeeded: v6.rawValue >> 64))
            }
        }
    }

    private static func addresses(from reader: inout JournalReader) throws(JournalReader.Malformed) -> [IPAddress] {
        let count = Int(try reader.u8())
        var addresses: [IPAddress] = []
        addresses.reserveCapacity(count)
        for _ in 0..<count { addresses.append(try address(from: &reader)) }
        return addresses
    }

    /// An assignment's addresses, read without an array; none (which replay skips) when the record
    /// holds another shape than one address per family, IPv4 first.
    private static func assignedAddresses(from reader: inout JournalReader) throws(JournalReader.Malformed) -> AssignedAddresses {
        var addresses = AssignedAddresses(), wellFormed = true
        for _ in 0..<Int(try reader.u8()) {
            // Read on after a misfit: the record's other fields follow.
            let address = try address(from: &reader)
            wellFormed = wellFormed && addresses.append(address)
        }
        return wellFormed ? addresses : []
    }

    private static func address(from reader: inout JournalReader) throws(JournalReader.Malformed) -> IPAddress {
        switch try reader.u8() {
        case 4: return .v4(IPv4Address(try reader.u32()))
        case 6:
            let low = UInt128(try reader.u64()), high = UInt128(try reader.u64())
            return .v6(IPv6Address(high << 64 | low))
        default: throw JournalReader.Malformed()
        }
    }

    private static func element<T>(of all: [T], at index: UInt8) throws(JournalReader.Malformed) -> T {
        guard Int(index) < all.count else { throw JournalReader.Malformed() }
        return all[Int(index)]
    }
}
