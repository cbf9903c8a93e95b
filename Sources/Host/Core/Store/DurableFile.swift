#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX steps that make state survive a crash or power loss: directories created with the
/// right mode, whole writes, and atomic replacement (temporary file, fsync, rename, fsync of the
/// directory). The allocation journal and the small state files (drain, local workloads) share them.
package enum DurableFile {
    /// Creates `directory` and its parents (mode 0750) and checks that it is writable.
    package static func makeDirectory(_ directory: String) throws(AllocationStoreError) {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o750) != 0 && errno != EEXIST {
                throw AllocationStoreError("cannot create state directory \(directory)", errno: errno)
            }
        }
        guard access(directory, W_OK) == 0 else {
            throw AllocationStoreError("state directory \(directory) is not writable", errno: errno)
        }
    }

    /// Syncs `directory`, so that a rename or creation in it survives a crash.
    package static func syncDirectory(_ directory: String) throws(AllocationStoreError) {
        let handle = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard handle >= 0 else { throw AllocationStoreError("cannot open \(directory)", errno: errno) }
        defer { close(handle) }
        guard fsync(handle) == 0 else { throw AllocationStoreError("cannot sync \(directory)", errno: errno) }
    }

    /// Writes all of `bytes` to `descriptor`, retrying short writes and EINTR.
    package static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(AllocationStoreError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw AllocationStoreError("cannot write \(path)", errno: errno) }
            written += count
        }
    }

    /// Replaces the file `name` in `directory` with `bytes` atomically and durably: after a crash at
    /// any instant the file holds either the old or the new contents.
    package static func replace(_ name: String, in directory: String, with bytes: [UInt8]) throws(AllocationStoreError) {
        let path = directory + "/" + name, temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw AllocationStoreError("cannot create \(temporary)", errno: errno) }
        do throws(AllocationStoreError) {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else { throw AllocationStoreError("cannot sync \(temporary)", errno: errno) }
            guard rename(temporary, path) == 0 else { throw AllocationStoreError("cannot replace \(path)", errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// Removes the file `name` in `directory` durably; a missing file is not an error.
    package static func remove(_ name: String, in directory: String) throws(AllocationStoreError) {
        guard unlink(directory + "/" + name) == 0 || errno == ENOENT else {
            throw AllocationStoreError("cannot remove \(directory)/\(name)", errno: errno)
        }
        try syncDirectory(directory)
    }

    /// The contents of the file `name` in `directory`, or nil when it does not exist.
    package static func contents(of name: String, in directory: String) throws(AllocationStoreError) -> [UInt8]? {
        let path = directory + "/" + name
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw AllocationStoreError("cannot open \(path)", errno: errno)
        }
        defer { close(descriptor) }
        return try readAll(from: descriptor, path: path)
    }

    /// Everything in the file open as `descriptor`, from its start.
    package static func readAll(from descriptor: Int32, path: String) throws(AllocationStoreError) -> [UInt8] {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size >= 0, lseek(descriptor, 0, SEEK_SET) == 0 else { throw AllocationStoreError("cannot read \(path)", errno: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw AllocationStoreError("cannot read \(path)", errno: errno) }
            filled += count
        }
        return bytes
    }
}
