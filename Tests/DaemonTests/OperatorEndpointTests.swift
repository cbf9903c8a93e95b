import Foundation
import Testing

/// The operator endpoints of the real daemon (pools, peers, explain, sent routes, drain, the local
/// API), driven through the real ironlbctl against the example configuration (dry-run announcer).
@Suite("Operator endpoints", .serialized)
struct OperatorEndpointTests {
    typealias Running = ControlAPITests.Running

    @Test("pools, peers, explain and routes --sent answer with tables and JSON; unknown services and wrong methods are refused")
    func inspection() async throws {
        let running = try await Running()
        let (poolsCode, pools, _) = try await running.ctl(["pools"])
        #expect(poolsCode == 0)
        #expect(pools.contains("public    sequential  ipv4") && pools.contains("203.0.113.0/28               2       14"), "\(pools)")
        #expect(pools.contains("internal  sequential  ipv4                         1       32                    on-request"), "\(pools)")
        let (_, poolsJSON, _) = try await running.ctl(["pools", "--json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(poolsJSON.utf8)) as? [[String: Any]]
        #expect(decoded?.map { $0["name"] as? String } == ["public", "internal"])

        let (peersCode, peers, _) = try await running.ctl(["peers"])
        #expect(peersCode == 0 && peers.hasPrefix("ANNOUNCER  PEER"), "the dry-run announcer has no peers: \(peers)")

        let (explainCode, explain, _) = try await running.ctl(["explain", "static/dns-tcp"])
        #expect(explainCode == 0)
        #expect(explain.contains("addresses  203.0.113.10") && explain.contains("is shared (sharing key dns) with static/dns"), "\(explain)")
        #expect(explain.contains("announced by advertisement public-routes (dry-run)"), "\(explain)")
        let (_, services, _) = try await running.ctl(["services"])
        #expect(services.split(separator: "\n").contains { $0.hasPrefix("static/dns ") && $0.hasSuffix("dns: static/dns-tcp") }, "\(services)")
        let (missingCode, _, missing) = try await running.ctl(["explain", "static/nope"])
        #expect(missingCode == 1 && missing.contains("no service static/nope"), "\(missing)")

        let (sentCode, sent, _) = try await running.ctl(["routes", "--sent"])
        #expect(sentCode == 0 && sent.hasPrefix("PEER"), "\(sent)")

        // Raw HTTP for what ironlbctl never sends.
        for (method, path, expected) in [("DELETE", "/v1/status", "405"), ("GET", "/v1/drain", "405"), ("GET", "/v1/nothing", "404"),
                                         ("POST", "/v1/drain?wait=forever", "400"), ("PUT", "/v1/local/vm9", "400")] {
            let (_, answer, _) = try await DaemonProcess.run("/usr/bin/curl", [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", running.socket, "-X", method,
                "-H", "Content-Type: application/json", "--data-binary", method == "PUT" ? "{\"families\": \"ipv5\"}" : "", "http://ironlbd\(path)",
            ])
            #expect(answer == expected, "\(method) \(path)")
        }
        await running.stop()
    }

    @Test("drain withdraws every route and survives a restart; undrain announces again")
    func drain() async throws {
        let running = try await Running()
        let (code, output, _) = try await running.ctl(["drain", "--wait", "200ms"])
        #expect(code == 0 && output.contains("drained: 4 routes withdrawn"), "\(output)")
        #expect(await running.daemon.waitForError(timeout: .seconds(5)) { $0.contains("would withdraw 4 routes (drained)") })
        let (_, status, _) = try await running.ctl(["status"])
        #expect(status.contains("drain      withdrawn"), "\(status)")
        let (badCode, _, bad) = try await running.ctl(["drain", "--wait", "soon"])
        #expect(badCode == 64 || badCode == 2, "\(bad)")

        try await running.restart()
        let (_, afterRestart, _) = try await running.ctl(["status", "--json"])
        #expect(afterRestart.contains("\"maintenance\" : \"withdrawn\""), "a drained node stays drained: \(afterRestart)")

        let (undrainCode, undrain, _) = try await running.ctl(["undrain"])
        #expect(undrainCode == 0 && undrain.contains("announcing 4 routes again"), "\(undrain)")
        let (_, normal, _) = try await running.ctl(["status", "--json"])
        #expect(normal.contains("\"maintenance\" : \"normal\""))
        await running.stop()
    }

    @Test("A workload assigned through ironlbctl is announced, keeps its address across kill -9, and is released")
    func localWorkloads() async throws {
        let running = try await Running()
        let (code, assigned, _) = try await running.ctl(["assign", "vm1", "--pool", "public", "--port", "22/tcp"])
        #expect(code == 0 && assigned.contains("service    local/vm1") && assigned.contains("addresses  203.0.113.3"), "\(assigned)")
        #expect(await running.daemon.waitForError(timeout: .seconds(5)) { $0.contains("would announce 203.0.113.3/32 via public-routes (local/vm1)") })

        let (refusedCode, _, refused) = try await running.ctl(["assign", "vm2", "--pool", "nope"])
        #expect(refusedCode == 1 && refused.contains("local/vm2: pool nope does not exist"), "\(refused)")
        let (badName, _, _) = try await running.ctl(["assign", "bad name!"])
        #expect(badName == 1)
        let (_, workloads, _) = try await running.ctl(["workloads"])
        #expect(workloads.contains("vm1       public") && !workloads.contains("vm2"), "a refused request is not kept: \(workloads)")

        try await running.restart(signal: SIGKILL)
        let (_, services, _) = try await running.ctl(["services"])
        #expect(services.contains("local/vm1        public    203.0.113.3                   dry-run"), "\(services)")
        #expect(running.daemon.standardError.contains("would announce 203.0.113.3/32 via public-routes (local/vm1)"))

        let (releaseCode, _, _) = try await running.ctl(["release", "vm1"])
        #expect(releaseCode == 0)
        #expect(await running.daemon.waitForError(timeout: .seconds(5)) { $0.contains("would withdraw 203.0.113.3/32") })
        let (missingCode, _, missing) = try await running.ctl(["release", "vm1"])
        #expect(missingCode == 1 && missing.contains("no local workload named \"vm1\""), "\(missing)")
        await running.stop()
    }
}
