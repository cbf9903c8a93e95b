import Logging
import Synchronization

/// The process-wide log level, changeable at run time (a reload can change `logging.level`).
final class LogLevelControl: Sendable {
    private let level: Mutex<Logger.Level>

    init(_ level: Logger.Level) { self.level = Mutex(level) }

    /// The current level.
    var current: Logger.Level {
        get { level.withLock { $0 } }
    }

    /// Sets the level for every logger at once.
    func set(_ newLevel: Logger.Level) { level.withLock { $0 = newLevel } }
}

/// A stderr log handler whose level follows a shared ``LogLevelControl``.
struct ControlledStreamLogHandler: LogHandler {
    private var inner: StreamLogHandler
    private let control: LogLevelControl

    init(label: String, control: LogLevelControl) {
        inner = StreamLogHandler.standardError(label: label)
        inner.logLevel = .trace
        self.control = control
    }

    var logLevel: Logger.Level {
        get { control.current }
        set { control.set(newValue) }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        inner.log(event: event)
    }
}
