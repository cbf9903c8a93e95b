import Foundation
import IronLBPluginAPI
import Testing

@Suite("AddressCount")
struct AddressCountTests {
    /// 2^128, built the only public way: the size of the IPv6 space.
    static let twoTo128 = try! IPPrefix(parsing: "::/0").count

    @Test("Prints exact decimal values, including 2^128")
    func description() {
        #expect(AddressCount.zero.description == "0")
        #expect(AddressCount(1).description == "1")
        #expect(AddressCount(.max).description == "340282366920938463463374607431768211455")
        #expect(Self.twoTo128.description == "340282366920938463463374607431768211456")
    }

    @Test("Adds and subtracts exactly across the UInt128 boundary")
    func arithmetic() {
        #expect(AddressCount(2) + AddressCount(3) == AddressCount(5))
        #expect(AddressCount(5) - AddressCount(3) == AddressCount(2))
        #expect(AddressCount(.max) + AddressCount(1) == Self.twoTo128)
        #expect(Self.twoTo128 - AddressCount(1) == AddressCount(.max))
        #expect(Self.twoTo128 - Self.twoTo128 == .zero)
        #expect(Self.twoTo128 + .zero == Self.twoTo128)
        #expect(AddressCount(1 << 127) + AddressCount(1 << 127) == Self.twoTo128)
        var count = AddressCount.zero
        count += AddressCount(10)
        count -= AddressCount(4)
        #expect(count == AddressCount(6))
    }

    @Test("Stops on overflow past 2^128 and on underflow below zero")
    func arithmeticPreconditions() async {
        await #expect(processExitsWith: .failure) {
            _ = try! IPPrefix(parsing: "::/0").count + AddressCount(1)
        }
        await #expect(processExitsWith: .failure) {
            _ = AddressCount(.max) + AddressCount(2)
        }
        await #expect(processExitsWith: .failure) {
            _ = AddressCount(1) - AddressCount(2)
        }
    }

    @Test("Orders counts numerically")
    func ordering() {
        let counts = [Self.twoTo128, AddressCount(.max), .zero, AddressCount(1 << 64), AddressCount(1)]
        #expect(counts.sorted() == [.zero, AddressCount(1), AddressCount(1 << 64), AddressCount(.max), Self.twoTo128])
        #expect(!(Self.twoTo128 < Self.twoTo128))
    }

    @Test("Converts to UInt128, Int and Double")
    func conversions() {
        #expect(AddressCount(42).uint128 == 42)
        #expect(AddressCount(.max).uint128 == .max)
        #expect(Self.twoTo128.uint128 == nil)

        #expect(AddressCount(42).saturatingInt == 42)
        #expect(AddressCount(UInt128(Int.max)).saturatingInt == .max)
        #expect(AddressCount(UInt128(Int.max) + 1).saturatingInt == .max)
        #expect(Self.twoTo128.saturatingInt == .max)

        #expect(AddressCount(256).doubleValue == 256)
        #expect(AddressCount(1 << 80).doubleValue == 0x1p80)
        #expect(Self.twoTo128.doubleValue == 0x1p128)
    }

    @Test("Encodes as a decimal string and decodes from a string or a number")
    func codable() throws {
        let json = try JSONEncoder().encode([AddressCount(256), Self.twoTo128])
        #expect(String(decoding: json, as: UTF8.self) == #"["256","340282366920938463463374607431768211456"]"#)
        #expect(try JSONDecoder().decode([AddressCount].self, from: json) == [AddressCount(256), Self.twoTo128])

        let numbers = Data(#"[0, 256, 18446744073709551615]"#.utf8)
        #expect(try JSONDecoder().decode([AddressCount].self, from: numbers) == [.zero, AddressCount(256), AddressCount(UInt128(UInt64.max))])
    }

    @Test(
        "Refuses to decode anything but a count from 0 to 2^128",
        arguments: [#""""#, #""-1""#, #""1e3""#, #"" 1""#, #""340282366920938463463374607431768211457""#,
                    #""999999999999999999999999999999999999999999""#, "-1", "1.5", "true"])
    func decodingRejects(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AddressCount.self, from: Data(json.utf8))
        }
    }
}
