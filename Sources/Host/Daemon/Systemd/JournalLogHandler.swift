import Foundation
import Logging

/// A swift-log handler that writes structured journal records: MESSAGE, PRIORITY,
/// SYSLOG_IDENTIFIER, CODE_FILE/CODE_LINE/CODE_FUNC, IRONLB_LOGGER (the logger's label), and one
/// `IRONLB_<KEY>` field per metadata key (`peer` → `IRONLB_PEER`, `service`, `pool` …), so that
/// `journalctl -u ironlb IRONLB_POOL=public` finds every line about a pool.
///
/// If the journal does not take a record, the line goes to standard error instead, which systemd
/// connects to the journal as well, so nothing is lost silently.
struct JournalLogHandler: LogHandler {
    private let label: String
    private let socket: JournalSocket
    private let control: LogLevelControl
    private let identifier: String
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, socket: JournalSocket, control: LogLevelControl, identifier: String = "ironlbd") {
        self.label = label
        self.socket = socket
        self.control = control
        self.identifier = identifier
    }

    var logLevel: Logger.Level {
        get { control.current }
        set { control.set(newValue) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var record = JournalRecord()
        record.append("MESSAGE", "\(event.message)")
        record.append("PRIORITY", String(Self.priority(event.level)))
        record.append("SYSLOG_IDENTIFIER", identifier)
        record.append("CODE_FILE", event.file)
        record.append("CODE_LINE", String(event.line))
        record.append("CODE_FUNC", event.function)
        record.append("IRONLB_LOGGER", label)
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            record.append(JournalRecord.fieldName(for: key), "\(value)")
        }
        if !socket.send(record) {
            FileHandle.standardError.write(Data("<\(Self.priority(event.level))>\(label): \(event.message)\n".utf8))
        }
    }

    /// syslog(3) priorities as journald uses them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
