import Foundation
import KubernetesLab
import Testing
@testable import IronLBKubernetes

/// Running a credential plugin for real: small shell scripts in a temporary directory.
@Suite("Credential plugin run", .timeLimit(.minutes(1)))
struct CredentialPluginRunTests {
    let directory = temporaryDirectory("ironlb-plugin")

    /// Writes `script` as `plugin.sh` and returns the plugin of a kubeconfig beside it that runs
    /// it as `./plugin.sh` with `exec` extra fields.
    func plugin(_ script: String, exec extra: String = "") throws -> CredentialPlugin {
        let scriptPath = directory.appendingPathComponent("plugin.sh").path
        try "#!/bin/sh\n\(script)\n".write(toFile: scriptPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scriptPath)
        return try Self.plugin(command: "./plugin.sh", exec: extra, in: directory)
    }

    static func plugin(command: String, exec extra: String = "", in directory: URL) throws -> CredentialPlugin {
        let path = directory.appendingPathComponent("kubeconfig").path
        try """
        apiVersion: v1
        kind: Config
        current-context: a
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
        contexts: [{name: a, context: {cluster: c, user: u}}]
        users:
        - name: u
          user:
            exec: {command: "\(command)", apiVersion: client.authentication.k8s.io/v1\(extra)}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .exec(let plugin) = try ClusterConnection.fromKubeconfig(path: path, context: nil).credentials else {
            throw HarnessError("not an exec user")
        }
        return plugin
    }

    func failure(_ plugin: CredentialPlugin, timeout: Duration = .seconds(10)) async -> String {
        do {
            _ = try await plugin.run(timeout: timeout)
            return "succeeded"
        } catch {
            return error.description
        }
    }

    static let tokenOutput = #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-script"}}"#

    @Test("The plugin gets args, env, KUBERNETES_EXEC_INFO and the daemon's environment, /dev/null on stdin and no terminal")
    func environment() async throws {
        let seen = directory.appendingPathComponent("seen").path
        let plugin = try plugin("""
        {
          echo "args=$*"
          echo "greeting=$GREETING"
          echo "info=$KUBERNETES_EXEC_INFO"
          echo "path=${PATH:+set}"
          echo "stdin=$(readlink /proc/self/fd/0)"
          if (exec 3</dev/tty) 2>/dev/null; then echo tty=yes; else echo tty=no; fi
        } > \(seen)
        echo '\(Self.tokenOutput)'
        """, exec: ", args: [one, two words], env: [{name: GREETING, value: hello there}]")
        let credential = try await plugin.run(timeout: .seconds(10))
        guard case .token(let token) = credential.secret else { Issue.record("not a token"); return }
        #expect(token == "from-script")
        let lines = try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == [
            "args=one two words", "greeting=hello there",
            #"info={"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}"#,
            "path=set", "stdin=/dev/null", "tty=no",
        ])
    }

    @Test("A failing plugin: its exit status, the end of its stderr and the install hint")
    func exitStatus() async throws {
        let plugin = try plugin("echo 'error: SSO session expired; run aws sso login' >&2\nexit 1", exec: #", installHint: "Install the AWS CLI v2 and log in""#)
        #expect(await failure(plugin)
            == "credential plugin './plugin.sh' of user 'u' exited with status 1: error: SSO session expired; run aws sso login; Install the AWS CLI v2 and log in")
    }

    @Test("A command that is not there: where it was looked for and the install hint")
    func missing() async throws {
        let byName = try Self.plugin(command: "ironlb-no-such-plugin", exec: #", installHint: "apt install ironlb-auth""#, in: directory)
        let message = await failure(byName)
        #expect(message == "cannot run credential plugin 'ironlb-no-such-plugin' of user 'u': 'ironlb-no-such-plugin' was not found in PATH; apt install ironlb-auth")
        let byPath = try Self.plugin(command: "bin/missing", in: directory)
        let expected = directory.appendingPathComponent("bin/missing").standardizedFileURL.path
        #expect(await failure(byPath) == "cannot run credential plugin 'bin/missing' of user 'u': \(expected) does not exist or is not executable")
    }

    @Test("Bad output is named with the plugin; a plugin that hangs is killed, with its children, after the timeout")
    func badOutputAndTimeout() async throws {
        #expect(await failure(try plugin("echo '{\"kind\":\"ExecCredential\"}'"))
            == "credential plugin './plugin.sh' of user 'u': it answered with no apiVersion, but was asked for client.authentication.k8s.io/v1; its output has no status")
        let pidFile = directory.appendingPathComponent("child.pid").path
        let hanging = try plugin("sleep 30 &\necho $! > \(pidFile)\nwait")
        let started = ContinuousClock.now
        #expect(await failure(hanging, timeout: .milliseconds(500)) == "credential plugin './plugin.sh' of user 'u' did not finish within 0.5 seconds; killed it")
        // Killed, not waited for (the script sleeps 30 s); the bound leaves room for a loaded machine.
        #expect(started.duration(to: .now) < .seconds(20))
        let child = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await eventually(timeout: .seconds(5)) { Self.isGone(child) }, "the plugin's child was killed too")
    }

    /// Whether process `pid` is gone or a zombie (dead, waiting for whoever adopted it to reap it).
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }
}
