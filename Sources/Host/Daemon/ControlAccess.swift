import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may use the control socket: root, the user ironlbd runs as, and members of the `ironlb` group.
struct ControlAccess: Sendable {
    /// The caller as the kernel reports it (SO_PEERCRED).
    struct Caller: Sendable, Equatable, CustomStringConvertible {
        var pid: Int32
        var uid: UInt32
        var gid: UInt32
        var description: String { "pid \(pid) uid \(uid) gid \(gid)" }
    }

    /// The daemon's own effective user.
    var ownUID: UInt32
    /// The `ironlb` group, if it exists on this host.
    var groupID: UInt32?

    /// The policy of this process.
    static func current() -> ControlAccess {
        ControlAccess(ownUID: geteuid(), groupID: getgrnam("ironlb").map { $0.pointee.gr_gid })
    }

    /// Whether `caller`, whose supplementary groups are `groups`, may use the API.
    func allows(_ caller: Caller, groups: [UInt32]) -> Bool {
        if caller.uid == 0 || caller.uid == ownUID { return true }
        guard let groupID else { return false }
        return caller.gid == groupID || groups.contains(groupID)
    }

    /// The supplementary groups of process `pid`, from /proc.
    static func supplementaryGroups(of pid: Int32) -> [UInt32] {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Groups:") }) else { return [] }
        return line.dropFirst("Groups:".count).split(separator: " ", omittingEmptySubsequences: true).compactMap { UInt32($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// `struct ucred` of <sys/socket.h>.
struct PeerCredentials {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
