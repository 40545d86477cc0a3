import Foundation
import Testing
@testable import OporaDocuments

@Suite struct GzipTests {
    /// What `gzip -dc` reads back is the page we compressed, with the trailer's checksum and size right.
    @Test func gunzipReadsItBack() throws {
        let page = Data(String(repeating: "<tr><td>МБОУ «СОШ № 14»</td><td>12.03.2025</td></tr>\n", count: 3_000).utf8)
        let packed = try Gzip.compress(page)
        #expect(packed.count < page.count / 10)
        #expect(try gunzip(packed) == page)
        #expect(try gunzip(Gzip.compress(Data())) == Data())
    }

    private func gunzip(_ data: Data) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("opora-gzip-\(UUID().uuidString).gz")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return out
    }
}
